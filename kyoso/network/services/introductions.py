"""Introductions with double opt-in, and blocks.

A request is open (``pending``) until both sides have accepted it (``accepted``) or one has
declined (``declined``; the asker is told only "not now"). The asker accepts by asking,
unless an advisor or the secretariat brokered it, in which case both are asked. Each answer
is a conditional ``UPDATE … WHERE status = 'pending' AND <side>_accepted_at IS NULL`` (two
clicks answer once), and the request becomes ``accepted`` with a second conditional UPDATE
once both answers are there. Every step is an append-only :class:`IntroductionChange`.

Refusals (``refusal_to_introduce``): oneself, an organization one manages, someone who opted
out of introductions or blocked the asker, a second open request to the same person or
organization, the 21st request of the asker's day (Japan time). The day's count is read after
locking the asker's preference row, so concurrent requests cannot both be the 20th.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.network import audit, messages
from kyoso.network.models import (
    REASON_MAX,
    Block,
    Introduction,
    IntroductionChange,
    IntroductionStatus,
    NetworkPreference,
)
from kyoso.network.rules import manages_organization, target_side
from kyoso.network.services.common import NetworkError, notify_each, require, too_long

DAILY_LIMIT = 20
S = IntroductionStatus


def introduction_url(intro: Introduction) -> str:
    return reverse("introductions:detail", args=[intro.pk])


def start_of_day(now: datetime | None = None) -> datetime:
    local = timezone.localtime(now or timezone.now())
    return timezone.make_aware(datetime.combine(local.date(), time.min))


def target_ids(intro: Introduction) -> list[int]:
    """Who answers for the side asked: the person, or the organization's owners and admins."""
    if intro.to_user_id is not None:
        return [intro.to_user_id]
    from kyoso.orgs.selectors import manager_ids

    return manager_ids(intro.to_organization_id or 0)


def opted_out(user: Any) -> bool:
    """No introductions: the person turned them off, or takes no contact at all."""
    if NetworkPreference.objects.filter(user_id=user.pk, introductions_open=False).exists():
        return True
    profile = getattr(user, "profile", None)
    return bool(profile is not None and profile.contact_preference == "none")


def _open_exists(requester_id: int, to_user: Any, to_organization: Any) -> bool:
    rows = Introduction.objects.filter(requester_id=requester_id, status=S.PENDING)
    if to_user is not None:
        return rows.filter(to_user_id=to_user.pk).exists()
    return rows.filter(to_organization_id=to_organization.pk).exists()


def requests_today(actor: Any, now: datetime | None = None) -> int:
    return Introduction.objects.filter(
        requester_id=actor.pk, broker__isnull=True, created_at__gte=start_of_day(now)
    ).count()


def refusal_to_introduce(
    actor: Any,
    *,
    to_user: Any = None,
    to_organization: Any = None,
    brokered: bool = False,
    now: datetime | None = None,
) -> NetworkError | None:
    """Why ``actor`` may not ask to be introduced now, or None (also read by the form page)."""
    if to_user is not None:
        if to_user.pk == actor.pk:
            return NetworkError(messages.INTRO_TO_SELF, "to_self")
        if not to_user.is_active or to_user.deleted_at is not None:
            return NetworkError(messages.INTRO_TARGET_INVALID, "target_invalid")
        if opted_out(to_user):
            return NetworkError(messages.INTRO_OPTED_OUT, "opted_out")
        if Block.objects.filter(blocker_id=to_user.pk, blocked_id=actor.pk).exists():
            return NetworkError(messages.INTRO_BLOCKED, "blocked")
    elif to_organization is not None:
        if manages_organization(actor, to_organization):
            return NetworkError(messages.ORG_MEMBER_OF_TARGET, "to_self")
        from kyoso.orgs.selectors import manager_ids

        if Block.objects.filter(
            blocker_id__in=manager_ids(to_organization.pk), blocked_id=actor.pk
        ).exists():
            return NetworkError(messages.INTRO_BLOCKED, "blocked")
    else:
        return NetworkError(messages.INTRO_TARGET_INVALID, "target_invalid")
    if _open_exists(actor.pk, to_user, to_organization):
        return NetworkError(messages.INTRO_ALREADY_OPEN, "already_open")
    if not brokered and requests_today(actor, now) >= DAILY_LIMIT:
        return NetworkError(messages.INTRO_DAILY_LIMIT % {"limit": DAILY_LIMIT}, "daily_limit")
    return None


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise NetworkError(messages.INTRO_REASON_REQUIRED, "reason_required")
    if len(reason) > REASON_MAX:
        raise too_long(REASON_MAX, reason)
    return reason


def _lock_day(user_id: int) -> None:
    """Serialize one person's requests: an UPDATE of their preference row (a row lock on
    PostgreSQL, the write lock on SQLite) before the day's count is read."""
    NetworkPreference.objects.get_or_create(user_id=user_id)
    NetworkPreference.objects.filter(user_id=user_id).update(updated_at=timezone.now())


def introduction_request(
    *,
    actor: Any,
    reason: str,
    to_user: Any = None,
    to_organization: Any = None,
    about: str = "",
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Introduction:
    """``actor`` asks to be introduced to ``to_user`` or ``to_organization``, saying why."""
    require("network.add_introduction", actor)
    reason = _clean_reason(reason)
    try:
        with transaction.atomic():
            _lock_day(actor.pk)
            refusal = refusal_to_introduce(
                actor, to_user=to_user, to_organization=to_organization, now=now
            )
            if refusal is not None:
                raise refusal
            accepted_at = timezone.now()
            intro = Introduction.objects.create(
                requester=actor,
                to_user=to_user,
                to_organization=to_organization,
                reason=reason,
                about=(about or "")[:40],
                requester_accepted_at=accepted_at,
            )
            IntroductionChange.objects.create(
                introduction=intro, event="requested", to_status=S.PENDING, actor=actor
            )
            audit_record(actor=actor, action=audit.INTRO_REQUESTED, target=intro, request=request)
            notify_each(
                recipients=target_ids(intro),
                kind="network.introduction",
                actor=actor,
                text=messages.NOTIFY_INTRO_REQUEST,
                url=introduction_url(intro),
            )
    except IntegrityError:
        # The same person's other click got there first (one open request per target).
        raise NetworkError(messages.INTRO_ALREADY_OPEN, "already_open") from None
    return intro


def introduction_broker(
    *,
    actor: Any,
    requester: Any,
    to_user: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> Introduction:
    """An advisor or the secretariat introduces ``requester`` to ``to_user``; both answer."""
    require("network.broker_introduction", actor)
    reason = _clean_reason(reason)
    if requester.pk == to_user.pk:
        raise NetworkError(messages.INTRO_BROKER_SAME, "to_self")
    try:
        with transaction.atomic():
            for side in (requester, to_user):
                if opted_out(side):
                    raise NetworkError(messages.INTRO_OPTED_OUT, "opted_out")
            refusal = refusal_to_introduce(requester, to_user=to_user, brokered=True)
            if refusal is not None:
                raise refusal
            if Block.objects.filter(blocker_id=requester.pk, blocked_id=to_user.pk).exists():
                raise NetworkError(messages.INTRO_BLOCKED, "blocked")
            intro = Introduction.objects.create(
                requester=requester, to_user=to_user, broker=actor, reason=reason
            )
            IntroductionChange.objects.create(
                introduction=intro, event="brokered", to_status=S.PENDING, actor=actor
            )
            audit_record(actor=actor, action=audit.INTRO_BROKERED, target=intro, request=request)
            notify_each(
                recipients=[requester.pk, to_user.pk],
                kind="network.introduction",
                actor=actor,
                text=messages.NOTIFY_INTRO_BROKERED,
                url=introduction_url(intro),
            )
    except IntegrityError:
        raise NetworkError(messages.INTRO_ALREADY_OPEN, "already_open") from None
    return intro


def _not_pending(intro: Introduction) -> NetworkError:
    return NetworkError(
        messages.INTRO_NOT_PENDING % {"status": S(intro.status).label}, "not_pending"
    )


def side_of(actor: Any, intro: Introduction) -> str | None:
    """``"target"`` or ``"requester"``: the side whose answer ``actor`` gives now."""
    if intro.target_accepted_at is None and target_side(actor, intro):
        return "target"
    if intro.requester_accepted_at is None and intro.requester_id == actor.pk:
        return "requester"
    return None


def introduction_answer(
    *, actor: Any, introduction: Introduction, accept: bool, request: HttpRequest | None = None
) -> Introduction:
    """Accept or decline for ``actor``'s side. Declining tells the others only "not now"."""
    intro = introduction
    if intro.status != S.PENDING:
        raise _not_pending(intro)
    require("network.answer_introduction", actor, intro)
    side = side_of(actor, intro)
    if side is None:
        raise _not_pending(intro)
    field = f"{side}_accepted_at"
    now = timezone.now()
    with transaction.atomic():
        rows = Introduction.objects.filter(
            pk=intro.pk, status=S.PENDING, **{f"{field}__isnull": True}
        )
        if accept:
            changes: dict[str, Any] = {field: now}
        else:
            changes = {"status": S.DECLINED, "decided_at": now}
        if side == "target":
            changes["answered_by"] = actor
        if rows.update(**changes) != 1:
            intro.refresh_from_db()
            raise _not_pending(intro)
        completed = accept and (
            Introduction.objects.filter(
                pk=intro.pk,
                status=S.PENDING,
                requester_accepted_at__isnull=False,
                target_accepted_at__isnull=False,
            ).update(status=S.ACCEPTED, decided_at=now)
            == 1
        )
        intro.refresh_from_db()
        IntroductionChange.objects.create(
            introduction=intro,
            event=f"{side}_{'accepted' if accept else 'declined'}",
            from_status=S.PENDING,
            to_status=intro.status,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action=audit.INTRO_ANSWERED,
            target=intro,
            data={"side": side, "accept": accept, "status": intro.status},
            request=request,
        )
        everyone = {intro.requester_id, *target_ids(intro)}
        if intro.broker_id is not None:
            everyone.add(intro.broker_id)
        others = everyone - {actor.pk}
        if completed:
            notify_each(
                recipients=others,
                kind="network.introduction",
                actor=actor,
                text=messages.NOTIFY_INTRO_ACCEPTED,
                url=introduction_url(intro),
            )
        elif not accept:
            # Nothing about who declined or why: "not now", and no actor shown.
            notify_each(
                recipients=others,
                kind="network.introduction",
                actor=None,
                text=messages.NOTIFY_INTRO_NOT_NOW,
                url=introduction_url(intro),
            )
    return intro


# --- Contact after acceptance ------------------------------------------------------------


def contact_for(
    viewer: Any, intro: Introduction, *, is_target: bool | None = None
) -> dict[str, Any] | None:
    """The other side's contact, for a party of an accepted introduction; else None.

    ``is_target`` may be given when the caller already knows whether ``viewer`` answers for
    the side asked (a list, without a query per row)."""
    if intro.status != S.ACCEPTED or not getattr(viewer, "is_authenticated", False):
        return None
    if viewer.pk == intro.requester_id:
        if intro.to_user_id is not None:
            return _person_contact(intro.to_user)
        org = intro.to_organization
        assert org is not None  # one target: a person or an organization (CHECK)
        answered = intro.answered_by
        return {
            "name": org.name,
            "email": org.contact_email or (answered.email if answered else ""),
            "contact_preference": "",
            "person": answered.display_name if answered else "",
            "person_email": answered.email if answered else "",
        }
    if is_target is None:
        is_target = target_side(viewer, intro)
    if is_target:
        return _person_contact(intro.requester)
    return None


def _person_contact(person: Any) -> dict[str, Any]:
    from kyoso.accounts.models import ContactPreference

    profile = getattr(person, "profile", None)
    preference = ""
    if profile is not None and profile.contact_preference in ContactPreference.values:
        preference = str(ContactPreference(profile.contact_preference).label)
    return {
        "name": person.display_name,
        "email": person.email,
        "contact_preference": preference,
        "person": "",
        "person_email": "",
    }


# --- Blocks and preferences --------------------------------------------------------------


def block_create(*, actor: Any, blocked: Any, request: HttpRequest | None = None) -> Block:
    require("network.change_block", actor)
    if blocked.pk == actor.pk:
        raise NetworkError(messages.BLOCK_SELF, "to_self")
    with transaction.atomic():
        block, created = Block.objects.get_or_create(blocker=actor, blocked=blocked)
        if created:
            audit_record(actor=actor, action=audit.BLOCKED, target=blocked, request=request)
    return block


def block_delete(*, actor: Any, blocked_id: int, request: HttpRequest | None = None) -> bool:
    require("network.change_block", actor)
    with transaction.atomic():
        deleted, _rows = Block.objects.filter(blocker=actor, blocked_id=blocked_id).delete()
        if deleted:
            audit_record(
                actor=actor, action=audit.UNBLOCKED, data={"user": blocked_id}, request=request
            )
    return bool(deleted)


def preference_update(
    *, actor: Any, introductions_open: bool, shown_in_network: bool
) -> NetworkPreference:
    require("network.change_block", actor)
    with transaction.atomic():
        preference, _created = NetworkPreference.objects.update_or_create(
            user=actor,
            defaults={
                "introductions_open": introductions_open,
                "shown_in_network": shown_in_network,
            },
        )
    return preference


def user_by_id(pk: Any) -> Any:
    """An active account by id, or None (for parsing ``to=user:{id}``)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        get_user_model()
        .objects.filter(pk=pk, is_active=True, deleted_at__isnull=True)
        .select_related("profile")
        .first()
    )
