"""Advisors (seed 001's 三十六人衆) and requests for advice or an introduction.

A request goes to a chosen advisor (``assigned`` at once) or to the secretariat's queue
(``new``), which assigns it. Statuses and who moves them (``TRANSITIONS``)::

    new ──secretariat──▶ assigned ──▶ in_conversation ──▶ done
     └──secretariat──▶ declined     └──▶ declined / done   └──▶ declined

(moves after ``new`` by the assigned advisor or the secretariat). Each move is a conditional
``UPDATE … WHERE status = <from>`` and an append-only :class:`AdviceRequestChange`.

An advisor never gets more requests in a month than ``monthly_limit``: giving them one takes
a slot of their :class:`AdvisorMonth` row with ``UPDATE … SET count = count + 1 WHERE count <
monthly_limit``; when no row changes they are full and the whole assignment rolls back.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Subquery
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.network import audit, messages
from kyoso.network.models import (
    BODY_MAX,
    EXPERTISE_MAX,
    MONTHLY_LIMIT_MAX,
    REASON_MAX,
    RECORD_MAX,
    SUBJECT_MAX,
    AdviceRecord,
    AdviceRequest,
    AdviceRequestChange,
    AdviceStatus,
    Advisor,
    AdvisorMonth,
    RequestKind,
)
from kyoso.network.services.common import NetworkError, notify_each, require, too_long

A = AdviceStatus
STAFF = "staff"
HANDLER = "handler"  # the assigned advisor or the secretariat

TRANSITIONS: dict[tuple[str, str], str] = {
    (A.NEW, A.DECLINED): STAFF,
    (A.ASSIGNED, A.IN_CONVERSATION): HANDLER,
    (A.ASSIGNED, A.DONE): HANDLER,
    (A.ASSIGNED, A.DECLINED): HANDLER,
    (A.IN_CONVERSATION, A.DONE): HANDLER,
    (A.IN_CONVERSATION, A.DECLINED): HANDLER,
}


def advice_url(advice: AdviceRequest) -> str:
    return reverse("advice:detail", args=[advice.pk])


def month_of(now: Any = None) -> date:
    return timezone.localdate(now or timezone.now()).replace(day=1)


def _is_staff(actor: Any) -> bool:
    from kyoso.accounts.rules import is_secretariat_member

    return bool(is_secretariat_member(actor))


def moves_for(actor: Any, advice: AdviceRequest) -> list[str]:
    """The statuses ``actor`` may move the request to now (for the buttons and the API)."""
    staff = _is_staff(actor)
    handler = staff or (advice.advisor is not None and advice.advisor.user_id == actor.pk)
    return [
        to
        for (frm, to), who in TRANSITIONS.items()
        if frm == advice.status and ((who == STAFF and staff) or (who == HANDLER and handler))
    ]


# --- Advisors ------------------------------------------------------------------------------


def advisor_save(
    *,
    actor: Any,
    user: Any,
    expertise: str,
    kinds: list[str],
    monthly_limit: int,
    active: bool = True,
    request: HttpRequest | None = None,
) -> Advisor:
    """Mark ``user`` as an advisor, or change what they take (the secretariat)."""
    require("network.manage_advisors", actor)
    expertise = (expertise or "").strip()
    if len(expertise) > EXPERTISE_MAX:
        raise too_long(EXPERTISE_MAX, expertise)
    kinds = [k for k in dict.fromkeys(kinds or []) if k in RequestKind.values]
    if not kinds:
        raise NetworkError(messages.ADVISOR_KINDS_REQUIRED, "kinds_required")
    if not isinstance(monthly_limit, int) or not 1 <= monthly_limit <= MONTHLY_LIMIT_MAX:
        raise NetworkError(
            messages.ADVISOR_LIMIT_RANGE % {"min": 1, "max": MONTHLY_LIMIT_MAX}, "limit_range"
        )
    with transaction.atomic():
        advisor, _created = Advisor.objects.update_or_create(
            user=user,
            defaults={
                "expertise": expertise,
                "kinds": kinds,
                "monthly_limit": monthly_limit,
                "active": active,
            },
        )
        audit_record(
            actor=actor,
            action=audit.ADVISOR_SAVED,
            target=user,
            data={"kinds": kinds, "monthly_limit": monthly_limit, "active": active},
            request=request,
        )
    return advisor


def take_slot(advisor: Advisor, now: Any = None) -> None:
    """One of the advisor's requests this month, never beyond their limit (see above)."""
    month = month_of(now)
    AdvisorMonth.objects.get_or_create(advisor=advisor, month=month)
    limit = Advisor.objects.filter(pk=advisor.pk).values("monthly_limit")
    taken = AdvisorMonth.objects.filter(
        advisor=advisor, month=month, count__lt=Subquery(limit)
    ).update(count=F("count") + 1)
    if taken != 1:
        advisor.refresh_from_db(fields=["monthly_limit"])
        raise NetworkError(messages.ADVISOR_FULL % {"limit": advisor.monthly_limit}, "advisor_full")


def _check_advisor(advisor: Advisor, kind: str) -> None:
    if not advisor.active or kind not in advisor.kinds:
        raise NetworkError(messages.ADVISOR_NOT_AVAILABLE, "advisor_unavailable")


# --- Requests ------------------------------------------------------------------------------


def advice_request_create(
    *,
    actor: Any,
    kind: str,
    subject: str,
    body: str,
    advisor: Advisor | None = None,
    for_organization: Any = None,
    for_project: Any = None,
    request: HttpRequest | None = None,
) -> AdviceRequest:
    """A request from ``actor`` (for a project they lead or an organization they manage, if
    given) to ``advisor`` or, without one, to the secretariat's queue."""
    require("network.add_advice_request", actor)
    subject = (subject or "").strip()
    body = (body or "").strip()
    if kind not in RequestKind.values:
        raise NetworkError(messages.ADVICE_KIND_INVALID, "kind_invalid")
    if not subject:
        raise NetworkError(messages.ADVICE_SUBJECT_REQUIRED, "subject_required")
    if len(subject) > SUBJECT_MAX:
        raise too_long(SUBJECT_MAX, subject)
    if not body:
        raise NetworkError(messages.ADVICE_BODY_REQUIRED, "body_required")
    if len(body) > BODY_MAX:
        raise too_long(BODY_MAX, body)
    if for_organization is not None:
        from kyoso.network.rules import manages_organization

        if not manages_organization(actor, for_organization):
            raise NetworkError(messages.ADVICE_ON_BEHALF_INVALID, "on_behalf_invalid")
    if for_project is not None:
        from kyoso.projects.rules import is_lead_of

        if not is_lead_of(actor, for_project):
            raise NetworkError(messages.ADVICE_ON_BEHALF_INVALID, "on_behalf_invalid")
    if advisor is not None:
        _check_advisor(advisor, kind)
        if advisor.user_id == actor.pk:
            raise NetworkError(messages.ADVISOR_NOT_AVAILABLE, "advisor_unavailable")
    with transaction.atomic():
        advice = AdviceRequest.objects.create(
            requester=actor,
            kind=kind,
            subject=subject,
            body=body,
            for_organization=for_organization,
            for_project=for_project,
        )
        AdviceRequestChange.objects.create(request=advice, to_status=A.NEW, actor=actor)
        audit_record(
            actor=actor,
            action=audit.ADVICE_REQUESTED,
            target=advice,
            data={"advisor": advisor.pk if advisor else None},
            request=request,
        )
        if advisor is not None:
            _assign(actor=actor, advice=advice, advisor=advisor, request=request)
        else:
            from kyoso.roles.selectors import secretariat_users

            notify_each(
                recipients=secretariat_users().values_list("pk", flat=True),
                kind="network.advice",
                actor=actor,
                text=messages.NOTIFY_ADVICE_NEW % {"subject": subject},
                url=advice_url(advice),
            )
    return advice


def _assign(
    *, actor: Any, advice: AdviceRequest, advisor: Advisor, request: HttpRequest | None
) -> None:
    take_slot(advisor)
    moved = AdviceRequest.objects.filter(pk=advice.pk, status=A.NEW).update(
        status=A.ASSIGNED, advisor=advisor, updated_at=timezone.now()
    )
    if moved != 1:
        raise _not_allowed(advice)
    advice.status = A.ASSIGNED
    advice.advisor = advisor
    AdviceRequestChange.objects.create(
        request=advice, from_status=A.NEW, to_status=A.ASSIGNED, actor=actor
    )
    audit_record(
        actor=actor,
        action=audit.ADVICE_MOVED,
        target=advice,
        data={"from": A.NEW, "to": A.ASSIGNED, "advisor": advisor.pk},
        request=request,
    )
    notify_each(
        recipients=[advisor.user_id],
        kind="network.advice",
        actor=actor,
        text=messages.NOTIFY_ADVICE_NEW % {"subject": advice.subject},
        url=advice_url(advice),
    )


def advice_request_assign(
    *, actor: Any, advice: AdviceRequest, advisor: Advisor, request: HttpRequest | None = None
) -> AdviceRequest:
    """The secretariat gives a request of its queue to an advisor (within their limit)."""
    require("network.assign_advice_request", actor, advice)
    if advice.status != A.NEW:
        raise _not_allowed(advice)
    _check_advisor(advisor, advice.kind)
    try:
        with transaction.atomic():
            _assign(actor=actor, advice=advice, advisor=advisor, request=request)
    except IntegrityError:  # pragma: no cover - the month row was created concurrently
        raise NetworkError(messages.ADVISOR_FULL % {"limit": advisor.monthly_limit}) from None
    return advice


def _not_allowed(advice: AdviceRequest) -> NetworkError:
    return NetworkError(
        messages.ADVICE_MOVE_NOT_ALLOWED % {"status": A(advice.status).label}, "not_allowed"
    )


def advice_request_move(
    *,
    actor: Any,
    advice: AdviceRequest,
    to_status: str,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AdviceRequest:
    require("network.move_advice_request", actor, advice)
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise too_long(REASON_MAX, reason)
    from_status = advice.status
    if to_status not in moves_for(actor, advice):
        raise _not_allowed(advice)
    with transaction.atomic():
        moved = AdviceRequest.objects.filter(pk=advice.pk, status=from_status).update(
            status=to_status, updated_at=timezone.now()
        )
        if moved != 1:
            advice.refresh_from_db(fields=["status"])
            raise _not_allowed(advice)
        advice.status = to_status
        AdviceRequestChange.objects.create(
            request=advice, from_status=from_status, to_status=to_status, actor=actor, reason=reason
        )
        audit_record(
            actor=actor,
            action=audit.ADVICE_MOVED,
            target=advice,
            data={"from": from_status, "to": to_status},
            request=request,
        )
        notify_each(
            recipients=[advice.requester_id],
            kind="network.advice",
            actor=actor,
            text=messages.NOTIFY_ADVICE_STATUS
            % {"subject": advice.subject, "status": A(to_status).label},
            url=advice_url(advice),
        )
    return advice


def advice_record_save(
    *, actor: Any, advice: AdviceRequest, text: str, request: HttpRequest | None = None
) -> AdviceRecord:
    """The short private record of the advice (its advisor or the secretariat)."""
    require("network.view_advice_record", actor, advice)
    text = (text or "").strip()
    if not text:
        raise NetworkError(messages.ADVICE_RECORD_REQUIRED, "record_required")
    if len(text) > RECORD_MAX:
        raise too_long(RECORD_MAX, text)
    with transaction.atomic():
        record, _created = AdviceRecord.objects.update_or_create(
            request=advice, defaults={"text": text, "author": actor}
        )
        audit_record(actor=actor, action=audit.ADVICE_RECORDED, target=advice, request=request)
    return record
