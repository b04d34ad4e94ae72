"""Grant rounds (公募), applications, grant agreements, tranches and reports.

Screening is ``kyoso.screening``'s (subject kind ``funding.application``): a round's criteria
and weights are published with it, reviewers score there, and a decision there reaches
:func:`application_decided` inside the decision's transaction.

A grant agreement commits its amount in the ledger (``fund:<id>:available`` →
``fund:<id>:committed``); both are non-negative accounts moved by conditional updates, so a
grant can never exceed what the fund has left after earlier commitments, under concurrency
too. Each tranche moves its part from committed to the bank; a tranche after the first is paid
only once the grantee reported on the one before.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.fiscal import fiscal_year
from kyoso.core.money import format_yen_ja
from kyoso.funding import audit, messages
from kyoso.funding.models import (
    BUDGET_LINES_MAX,
    NAME_MAX,
    QUESTIONS_MAX,
    TEXT_MAX,
    TRANCHES_MAX,
    Application,
    ApplicationStatus,
    Fund,
    Grant,
    GrantRound,
    Report,
    Tranche,
)
from kyoso.funding.services.common import (
    FundingError,
    clean_amount,
    clean_text,
    figures_add,
    require,
)

SUBJECT_KIND = "funding.application"


# --- Rounds ----------------------------------------------------------------------------------


def round_create(
    *,
    actor: Any,
    fund: Fund,
    title: str,
    description: str,
    deadline: datetime,
    max_amount: Any,
    criteria: list[Any],
    eligibility: Iterable[str] = (),
    reviewers: Iterable[tuple[Any, bool]] = (),
) -> GrantRound:
    """Open a round with its screening round (criteria and weights published from the start,
    ``criteria`` being ``kyoso.screening.services.CriterionSpec``) and its reviewers
    (``(user, may_decide)``). The screening app asks that the actor manages the organization."""
    from kyoso.screening.services import ScreeningError, reviewer_add
    from kyoso.screening.services import round_create as screening_round_create

    require("funding.manage_fund", actor, fund)
    title = clean_text(title, required=messages.ROUND_TITLE_REQUIRED, limit=NAME_MAX, field="title")
    description = clean_text(
        description,
        required=messages.ROUND_DESCRIPTION_REQUIRED,
        limit=TEXT_MAX,
        field="description",
    )
    max_amount = clean_amount(max_amount, "max_amount")
    if not isinstance(deadline, datetime) or deadline <= timezone.now():
        raise FundingError(messages.DEADLINE_PAST, "deadline_past", "deadline")
    questions = [q.strip() for q in eligibility if q and q.strip()]
    if len(questions) > QUESTIONS_MAX:
        raise FundingError(
            messages.QUESTIONS_TOO_MANY % {"max": QUESTIONS_MAX}, "too_many", "eligibility"
        )
    if not criteria:
        raise FundingError(messages.CRITERIA_REQUIRED, "criteria_required", "criteria")
    try:
        with transaction.atomic():
            screening = screening_round_create(
                actor=actor,
                title=title,
                organization_id=fund.organization_id,
                subject_kind=SUBJECT_KIND,
                criteria=criteria,
                deadline=None,
            )
            grant_round = GrantRound.objects.create(
                fund=fund,
                title=title,
                description=description,
                eligibility=questions,
                deadline=deadline,
                max_amount=max_amount,
                screening_round_id=screening.pk,
                created_by=actor,
            )
            for user, may_decide in reviewers:
                reviewer_add(actor=actor, round=screening, user=user, may_decide=may_decide)
            audit_record(
                actor=actor,
                action=audit.ROUND_CREATED,
                target=grant_round,
                data={"fund": fund.pk, "screening_round": screening.pk},
            )
    except ScreeningError as error:
        raise FundingError(error.message, error.code, "criteria") from error
    return grant_round


def screening_round(grant_round: GrantRound) -> Any:
    from kyoso.screening.selectors import round_get

    return round_get(grant_round.screening_round_id)


# --- Applications ----------------------------------------------------------------------------


def _clean_budget(budget: Any) -> list[dict[str, Any]]:
    if not isinstance(budget, list | tuple) or not budget:
        raise FundingError(messages.BUDGET_REQUIRED, "budget_required", "budget")
    if len(budget) > BUDGET_LINES_MAX:
        raise FundingError(
            messages.BUDGET_TOO_MANY % {"max": BUDGET_LINES_MAX}, "budget_too_many", "budget"
        )
    lines = []
    for n, line in enumerate(budget, start=1):
        label = (line.get("label") or "").strip() if isinstance(line, Mapping) else ""
        amount = line.get("amount") if isinstance(line, Mapping) else None
        if not label or len(label) > 60:
            raise FundingError(
                messages.BUDGET_LINE_INVALID % {"line": n}, "budget_invalid", "budget"
            )
        try:
            amount = clean_amount(amount, "budget")
        except FundingError as error:
            raise FundingError(
                f"{messages.BUDGET_LINE_INVALID % {'line': n}} {error.message}",
                error.code,
                "budget",
            ) from None
        lines.append({"label": label, "amount": amount})
    if len({line["label"] for line in lines}) != len(lines):
        raise FundingError(
            messages.BUDGET_LINE_INVALID % {"line": len(lines)}, "budget_invalid", "budget"
        )
    return lines


def application_submit(
    *,
    actor: Any,
    grant_round: GrantRound,
    project: Any,
    plan: str,
    budget: Any,
    eligibility_answers: Iterable[bool],
    now: datetime | None = None,
) -> Application:
    from kyoso.funding.rules import leads_project
    from kyoso.screening.services import item_add

    require("funding.apply_round", actor, grant_round)
    if (now or timezone.now()) >= grant_round.deadline:
        raise FundingError(messages.ROUND_CLOSED, "round_closed")
    if project is None or not leads_project(actor, project):
        raise FundingError(messages.NOT_PROJECT_LEAD, "not_project_lead", "project")
    answers = [bool(a) for a in eligibility_answers]
    if len(answers) != len(grant_round.eligibility) or not all(answers):
        raise FundingError(messages.NOT_ELIGIBLE, "not_eligible", "eligibility")
    plan = clean_text(plan, required=messages.PLAN_REQUIRED, limit=TEXT_MAX, field="plan")
    lines = _clean_budget(budget)
    requested = sum(line["amount"] for line in lines)
    if requested > grant_round.max_amount:
        raise FundingError(
            messages.ABOVE_ROUND_MAX
            % {"amount": format_yen_ja(requested), "max": format_yen_ja(grant_round.max_amount)},
            "above_round_max",
            "budget",
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                round=grant_round,
                project=project,
                applicant=actor,
                plan=plan,
                budget=lines,
                requested=requested,
                eligibility_answers=answers,
            )
            item_add(round=screening_round(grant_round), subject_id=application.pk)
            audit_record(
                actor=actor,
                action=audit.APPLICATION_SUBMITTED,
                target=application,
                data={"round": grant_round.pk, "project": project.pk, "requested": requested},
            )
    except IntegrityError:
        raise FundingError(messages.ALREADY_APPLIED, "already_applied", "project") from None
    return application


def application_decided(*, application_id: int, outcome: str, reason: str, actor: Any) -> None:
    """Called by the screening app inside the decision's transaction. A granted application
    keeps its grant (a later decision there is refused, so the two never disagree)."""
    status = {
        "selected": ApplicationStatus.SELECTED,
        "not_selected": ApplicationStatus.NOT_SELECTED,
        "shortlisted": ApplicationStatus.SUBMITTED,
    }.get(outcome)
    if status is None:
        return
    changed = (
        Application.objects.filter(pk=application_id)
        .exclude(status=ApplicationStatus.GRANTED)
        .update(status=status, decision_reason=reason)
    )
    if not changed:
        raise FundingError(messages.ALREADY_GRANTED, "already_granted")
    audit_record(
        actor=actor,
        action=audit.APPLICATION_DECIDED,
        target=Application.objects.get(pk=application_id),
        data={"outcome": outcome},
    )


# --- Grants ----------------------------------------------------------------------------------


def _clean_tranches(amount: int, tranches: Any) -> list[int]:
    if not isinstance(tranches, list | tuple) or not tranches:
        raise FundingError(messages.TRANCHES_INVALID, "tranches_invalid", "tranches")
    if len(tranches) > TRANCHES_MAX:
        raise FundingError(
            messages.TRANCHES_TOO_MANY % {"max": TRANCHES_MAX}, "tranches_invalid", "tranches"
        )
    parts = [clean_amount(t, "tranches") for t in tranches]
    if sum(parts) != amount:
        raise FundingError(messages.TRANCHES_INVALID, "tranches_invalid", "tranches")
    return parts


def grant_agree(
    *, actor: Any, application: Application, amount: Any, tranches: Any, terms: str
) -> Grant:
    """The grant agreement: commits ``amount`` from the fund in the ledger (refused when the
    fund has less available after earlier commitments) and plans the tranches."""
    from kyoso.ledger.errors import LedgerError
    from kyoso.ledger.selectors import balance
    from kyoso.ledger.services import transaction_post

    fund = application.round.fund
    require("funding.manage_fund", actor, fund)
    amount = clean_amount(amount)
    if application.status == ApplicationStatus.GRANTED:
        raise FundingError(messages.ALREADY_GRANTED, "already_granted")
    if application.status != ApplicationStatus.SELECTED:
        raise FundingError(messages.NOT_SELECTED_YET, "not_selected")
    if amount > application.requested:
        raise FundingError(
            messages.GRANT_ABOVE_REQUEST
            % {"amount": format_yen_ja(amount), "requested": format_yen_ja(application.requested)},
            "above_request",
            "amount",
        )
    parts = _clean_tranches(amount, tranches)
    terms = clean_text(terms, required=messages.TERMS_REQUIRED, limit=TEXT_MAX, field="terms")
    now = timezone.now()
    fy = fiscal_year(now)
    try:
        with transaction.atomic():
            if not Application.objects.filter(
                pk=application.pk, status=ApplicationStatus.SELECTED
            ).update(status=ApplicationStatus.GRANTED):
                raise FundingError(messages.ALREADY_GRANTED, "already_granted")
            grant = Grant.objects.create(
                application=application,
                fund=fund,
                project_id=application.project_id,
                amount=amount,
                terms=terms,
                fiscal_year=fy,
                agreed_by=actor,
                agreed_at=now,
            )
            Tranche.objects.bulk_create(
                Tranche(grant=grant, number=n, amount=part) for n, part in enumerate(parts, 1)
            )
            transaction_post(
                actor=actor,
                kind="grant.committed",
                entries=[(fund.available_key, amount), (fund.committed_key, -amount)],
                idempotency_key=f"grant:{grant.pk}:committed",
                memo=f"助成決定 {application.project.title}"[:500],
            )
            figures_add(fund_id=fund.pk, fiscal_year=fy, granted=amount)
            audit_record(
                actor=actor,
                action=audit.GRANT_AGREED,
                target=grant,
                data={"amount": amount, "tranches": parts},
            )
    except LedgerError as error:
        if error.code != "insufficient_balance":
            raise FundingError(error.message, error.code, "amount") from error
        raise FundingError(
            messages.GRANT_ABOVE_AVAILABLE
            % {
                "amount": format_yen_ja(amount),
                "available": format_yen_ja(balance(fund.available_key)),
            },
            "above_available",
            "amount",
        ) from error
    application.status = ApplicationStatus.GRANTED
    return grant


def tranche_pay(*, actor: Any, tranche: Tranche) -> Tranche:
    """Pay one tranche (committed → bank). The first is paid at once; each later one only after
    the previous was paid and reported on. Paying twice is refused (a conditional update claims
    the tranche; the ledger's idempotency key is the second line)."""
    from kyoso.funding.payments_link import payout_account
    from kyoso.ledger.services import transaction_post

    grant = tranche.grant
    fund = grant.fund
    require("funding.manage_fund", actor, fund)
    if tranche.paid_at is not None:
        raise FundingError(messages.TRANCHE_ALREADY_PAID, "already_paid")
    if tranche.number > 1:
        previous_paid = Tranche.objects.filter(
            grant=grant, number=tranche.number - 1, paid_at__isnull=False
        ).exists()
        if not previous_paid:
            raise FundingError(messages.TRANCHE_OUT_OF_ORDER, "out_of_order")
        if not Report.objects.filter(grant=grant, tranche_number=tranche.number - 1).exists():
            raise FundingError(
                messages.REPORT_MISSING
                % {"number": tranche.number, "previous": tranche.number - 1},
                "report_missing",
            )
    now = timezone.now()
    fy = fiscal_year(now)
    with transaction.atomic():
        if not Tranche.objects.filter(pk=tranche.pk, paid_at__isnull=True).update(
            paid_at=now, paid_by=actor
        ):
            raise FundingError(messages.TRANCHE_ALREADY_PAID, "already_paid")
        transaction_post(
            actor=actor,
            kind="grant.disbursed",
            entries=[(fund.committed_key, tranche.amount), (payout_account(), -tranche.amount)],
            idempotency_key=f"grant:{grant.pk}:tranche:{tranche.number}",
            memo=f"助成金の支払い 第{tranche.number}回"[:500],
        )
        Grant.objects.filter(pk=grant.pk).update(disbursed=F("disbursed") + tranche.amount)
        figures_add(fund_id=fund.pk, fiscal_year=fy, disbursed=tranche.amount)
        audit_record(
            actor=actor,
            action=audit.TRANCHE_PAID,
            target=grant,
            data={"tranche": tranche.number, "amount": tranche.amount},
        )
    tranche.paid_at = now
    return tranche


def report_submit(
    *, actor: Any, grant: Grant, tranche_number: int, progress: str, spending: Any
) -> Report:
    """The grantee's report on a paid tranche: progress, and yen spent per budget line."""
    require("funding.report_grant", actor, grant)
    if not Tranche.objects.filter(
        grant=grant, number=tranche_number, paid_at__isnull=False
    ).exists():
        raise FundingError(messages.REPORT_NOT_DUE, "report_not_due")
    progress = clean_text(
        progress, required=messages.PROGRESS_REQUIRED, limit=TEXT_MAX, field="progress"
    )
    labels = [line["label"] for line in grant.application.budget]
    spent: dict[str, int] = {}
    given = spending if isinstance(spending, Mapping) else {}
    for label in labels:
        value = given.get(label, 0)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > 10**10:
            raise FundingError(
                messages.SPENDING_INVALID % {"label": label}, "spending_invalid", "spending"
            )
        spent[label] = value
    unknown = [key for key in given if key not in labels]
    if unknown:
        raise FundingError(
            messages.SPENDING_INVALID % {"label": unknown[0]}, "spending_invalid", "spending"
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                grant=grant,
                tranche_number=tranche_number,
                progress=progress,
                spending=spent,
                submitted_by=actor,
            )
            audit_record(
                actor=actor,
                action=audit.REPORT_SUBMITTED,
                target=grant,
                data={"tranche": tranche_number},
            )
    except IntegrityError:
        raise FundingError(messages.REPORT_ALREADY, "report_already") from None
    return report
