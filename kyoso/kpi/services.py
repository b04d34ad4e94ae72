"""Every write of the KPI app: ``<entity>_<verb>(*, actor, …)`` in one transaction with an audit
row. A refusal raises :class:`~kyoso.kpi.validation.KpiError` before anything is written.

Actuals of computed and survey-fed indicators are stored by :func:`indicators_refresh` (the
``refresh_kpis`` command, scheduled, and the staff's button): pages never call a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core import indicators as sources
from kyoso.core.fiscal import fiscal_year, fiscal_year_label
from kyoso.core.wareki import to_local_date
from kyoso.kpi import audit, messages
from kyoso.kpi.models import (
    Actual,
    Answer,
    Form,
    Indicator,
    Question,
    Response,
    SourceKind,
    Survey,
    SurveyParticipation,
    Target,
)
from kyoso.kpi.selectors_surveys import MIN_GROUP
from kyoso.kpi.validation import KpiError, check_evidence, check_plan, check_series

LIKERT_POINTS = 5
CENT = Decimal("0.01")

__all__ = ["MIN_GROUP", "KpiError"]


# --- indicators -------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorData:
    name: str
    unit: str
    baseline: Decimal
    baseline_year: int
    plan_start_year: int
    plan_end_year: int
    code: str = ""
    target_form: str = Form.INCREMENT
    actual_form: str = Form.INCREMENT
    evaluation_month: int = 9
    is_public: bool = False
    notes: str = ""
    source_kind: str = SourceKind.ENTERED
    source_key: str = ""
    community: Any = None
    order: int = 0


def _check_indicator(data: IndicatorData) -> None:
    check_plan(
        unit=data.unit,
        baseline=data.baseline,
        baseline_year=data.baseline_year,
        plan_start_year=data.plan_start_year,
        plan_end_year=data.plan_end_year,
    )
    if not 1 <= data.evaluation_month <= 12:
        raise KpiError(messages.MONTH_INVALID, "evaluation_month")
    if data.source_kind == SourceKind.COMPUTED:
        if not data.source_key:
            raise KpiError(messages.SOURCE_KEY_NEEDED, "source_key")
        source = sources.get(data.source_key)
        if source is None:
            raise KpiError(messages.SOURCE_KEY_UNKNOWN, "source_key")
        if data.community is not None and not source.per_community:
            raise KpiError(messages.SOURCE_NOT_PER_COMMUNITY, "community")


def _fields(data: IndicatorData) -> dict[str, Any]:
    fields = dict(data.__dict__)
    if data.source_kind != SourceKind.COMPUTED:
        fields["source_key"] = ""
    if data.source_kind == SourceKind.COMPUTED:
        # A computed figure is the year's own count: its cumulative is the running sum.
        fields["actual_form"] = Form.INCREMENT
    elif data.source_kind == SourceKind.SURVEY:
        # A survey gives the share itself in the year it closed.
        fields["actual_form"] = Form.LEVEL
    return fields


def indicator_create(*, actor: Any, data: IndicatorData) -> Indicator:
    _check_indicator(data)
    with transaction.atomic():
        indicator = Indicator.objects.create(created_by=actor, **_fields(data))
        audit_record(actor=actor, action=audit.INDICATOR_CREATED, target=indicator)
    return indicator


def indicator_update(*, actor: Any, indicator: Indicator, data: IndicatorData) -> Indicator:
    """Change an indicator; its existing targets and actuals must still fit the new plan."""
    _check_indicator(data)
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        for name, value in _fields(data).items():
            setattr(locked, name, value)
        targets = dict(locked.targets.values_list("fiscal_year", "value"))
        check_series(locked, locked.target_form, targets, field="plan_end_year")
        if locked.source_kind == SourceKind.ENTERED:
            actuals = dict(locked.actuals.values_list("fiscal_year", "value"))
            check_series(locked, locked.actual_form, actuals, field="plan_end_year")
        locked.save()
        audit_record(actor=actor, action=audit.INDICATOR_UPDATED, target=locked)
    return locked


def targets_set(*, actor: Any, indicator: Indicator, values: dict[int, Decimal | None]) -> None:
    """Replace the targets of the years given (None clears a year); all or nothing."""
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        current = dict(locked.targets.values_list("fiscal_year", "value"))
        merged = {**current, **values}
        wanted = {year: value for year, value in merged.items() if value is not None}
        check_series(locked, locked.target_form, wanted, field="targets")
        Target.objects.filter(indicator=locked).exclude(fiscal_year__in=list(wanted)).delete()
        for year, value in wanted.items():
            Target.objects.update_or_create(
                indicator=locked, fiscal_year=year, defaults={"value": value}
            )
        audit_record(
            actor=actor,
            action=audit.TARGETS_SET,
            target=locked,
            data={str(y): str(v) for y, v in sorted(wanted.items())},
        )


def actual_enter(
    *,
    actor: Any,
    indicator: Indicator,
    fiscal_year: int,
    value: Decimal,
    note: str = "",
    evidence: Any = None,
) -> Actual:
    """Enter (or correct) the actual of a year of an indicator entered by staff, or of a
    survey-fed indicator for a year its survey ran elsewhere (on paper, before Kyoso): an
    entered year is kept by the refresh, never overwritten by a survey's share."""
    if indicator.source_kind == SourceKind.COMPUTED:
        raise KpiError(messages.ACTUAL_NOT_ENTERED)
    if evidence is not None:
        check_evidence(evidence)
    with transaction.atomic():
        locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
        if not locked.plan_start_year <= fiscal_year <= locked.plan_end_year:
            raise KpiError(
                messages.ACTUAL_YEAR_OUTSIDE_PLAN
                % {
                    "year": fiscal_year_label(fiscal_year),
                    "start": fiscal_year_label(locked.plan_start_year),
                    "end": fiscal_year_label(locked.plan_end_year),
                },
                "fiscal_year",
            )
        current = dict(locked.actuals.values_list("fiscal_year", "value"))
        check_series(locked, locked.actual_form, {**current, fiscal_year: value}, field="value")
        row = Actual.objects.filter(indicator=locked, fiscal_year=fiscal_year).first()
        previous = str(row.value) if row is not None else None
        if row is None:
            row = Actual(indicator=locked, fiscal_year=fiscal_year, origin=SourceKind.ENTERED)
        row.value = value
        row.note = note
        row.recorded_by = actor
        row.recorded_at = timezone.now()
        if evidence is not None:
            row.evidence_name = (evidence.name or "")[-200:]
            row.evidence.save(evidence.name, evidence, save=False)
        row.save()
        audit_record(
            actor=actor,
            action=audit.ACTUAL_ENTERED,
            target=locked,
            data={"fiscal_year": fiscal_year, "value": str(value), "previous": previous},
        )
    return row


# --- refresh ---------------------------------------------------------------------------------


def _quantize(value: int | Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def survey_shares(indicator_ids: list[int]) -> dict[tuple[int, int], tuple[Decimal, int]]:
    """(indicator id, 年度 the survey closed in) → (share in %, answers), from closed surveys,
    only where at least :data:`MIN_GROUP` people answered (one query)."""
    tallies: dict[tuple[int, int], list[int]] = {}
    counts = (
        Answer.objects.filter(
            question__indicator_id__in=indicator_ids,
            question__survey__status=Survey.Status.CLOSED,
            choice__isnull=False,
        )
        .values(
            "question_id",
            "question__indicator_id",
            "question__positive",
            "choice",
            "question__survey__closed_at",
            "question__survey__closes_at",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in counts:
        year = fiscal_year(row["question__survey__closed_at"] or row["question__survey__closes_at"])
        tally = tallies.setdefault((row["question__indicator_id"], year), [0, 0])
        tally[1] += row["n"]
        if row["choice"] in (row["question__positive"] or []):
            tally[0] += row["n"]
    return {
        key: (_quantize(Decimal(100) * hits / total), total)
        for key, (hits, total) in tallies.items()
        if total >= MIN_GROUP
    }


def indicators_refresh(
    *, actor: Any = None, indicator_ids: list[int] | None = None, now: datetime | None = None
) -> int:
    """Store the actuals of computed and survey-fed indicators for each plan year up to the
    current 年度; return how many actuals were written. One transaction per indicator."""
    now = now or timezone.now()
    this_year = fiscal_year(now)
    candidates = Indicator.objects.filter(
        source_kind__in=[SourceKind.COMPUTED, SourceKind.SURVEY]
    ).order_by("id")
    if indicator_ids is not None:
        candidates = candidates.filter(pk__in=indicator_ids)
    chosen = list(candidates)
    shares = survey_shares([i.pk for i in chosen if i.source_kind == SourceKind.SURVEY])
    written = 0
    for indicator in chosen:
        last = min(indicator.plan_end_year, this_year)
        figures: dict[int, tuple[Decimal, int | None]] = {}
        if indicator.source_kind == SourceKind.COMPUTED:
            source = sources.get(indicator.source_key)
            if source is None:
                continue  # its app is not installed (yet): nothing to store
            community_id = indicator.community_id if source.per_community else None
            for year in range(indicator.plan_start_year, last + 1):
                figures[year] = (_quantize(source.compute(year, community_id)), None)
        else:
            entered = set(
                indicator.actuals.filter(origin=SourceKind.ENTERED).values_list(
                    "fiscal_year", flat=True
                )
            )
            for year in range(indicator.plan_start_year, indicator.plan_end_year + 1):
                if (indicator.pk, year) in shares and year not in entered:
                    figures[year] = shares[(indicator.pk, year)]
        with transaction.atomic():
            stale = Actual.objects.filter(indicator=indicator, origin=indicator.source_kind)
            stale.exclude(fiscal_year__in=list(figures)).delete()
            for year, (value, answers) in figures.items():
                Actual.objects.update_or_create(
                    indicator=indicator,
                    fiscal_year=year,
                    defaults={
                        "value": value,
                        "answers": answers,
                        "origin": indicator.source_kind,
                        "recorded_at": now,
                        "recorded_by": None,
                    },
                )
                written += 1
            Indicator.objects.filter(pk=indicator.pk).update(refreshed_at=now)
    if actor is not None:
        with transaction.atomic():
            audit_record(actor=actor, action=audit.REFRESHED, data={"actuals": written})
    return written


# --- surveys ---------------------------------------------------------------------------------


def survey_create(
    *,
    actor: Any,
    title: str,
    closes_at: datetime,
    intro: str = "",
    community: Any = None,
    is_anonymous: bool = True,
) -> Survey:
    if closes_at <= timezone.now():
        raise KpiError(messages.SURVEY_CLOSES_IN_PAST, "closes_at")
    with transaction.atomic():
        survey = Survey.objects.create(
            title=title,
            intro=intro,
            community=community,
            is_anonymous=is_anonymous,
            closes_at=closes_at,
            created_by=actor,
        )
        audit_record(actor=actor, action=audit.SURVEY_CREATED, target=survey)
    return survey


def _choices_for(kind: str, choices: list[str]) -> list[str]:
    from kyoso.kpi.selectors_surveys import DEFAULT_LIKERT

    cleaned = [c.strip() for c in choices if c.strip()]
    if kind == Question.Kind.TEXT:
        return []
    if kind == Question.Kind.LIKERT:
        if not cleaned:
            return [str(label) for label in DEFAULT_LIKERT]
        if len(cleaned) != LIKERT_POINTS:
            raise KpiError(messages.QUESTION_LIKERT_FIVE, "choices")
        return cleaned
    if len(cleaned) < 2:
        raise KpiError(messages.QUESTION_NEEDS_CHOICES, "choices")
    return cleaned


def question_add(
    *,
    actor: Any,
    survey: Survey,
    kind: str,
    text: str,
    choices: list[str] | None = None,
    required: bool = True,
    indicator: Indicator | None = None,
    positive: list[int] | None = None,
) -> Question:
    """Add a question to a draft survey. ``positive``: 0-based indices counted for ``indicator``."""
    if survey.status != Survey.Status.DRAFT:
        raise KpiError(messages.SURVEY_NOT_DRAFT)
    labels = _choices_for(kind, choices or [])
    positive = sorted(set(positive or []))
    if indicator is not None:
        if kind == Question.Kind.TEXT:
            raise KpiError(messages.QUESTION_TEXT_NO_INDICATOR, "indicator")
        if indicator.source_kind != SourceKind.SURVEY:
            raise KpiError(messages.QUESTION_INDICATOR_NOT_SURVEY, "indicator")
        if not positive:
            raise KpiError(messages.QUESTION_POSITIVE_NEEDED, "positive")
    if any(not 0 <= p < len(labels) for p in positive):
        raise KpiError(messages.QUESTION_POSITIVE_INVALID, "positive")
    with transaction.atomic():
        order = survey.questions.count() + 1
        question = Question.objects.create(
            survey=survey,
            order=order,
            kind=kind,
            text=text,
            choices=labels,
            required=required,
            indicator=indicator,
            positive=positive if indicator is not None else [],
        )
        audit_record(actor=actor, action=audit.SURVEY_EDITED, target=survey)
    return question


def recipients_of(survey: Survey) -> Any:
    """Who a survey is sent to: the community's active members, or every active person."""
    User = get_user_model()
    people = User.objects.filter(is_active=True, deleted_at__isnull=True)
    if survey.community is None:
        return people
    from kyoso.communities.selectors import members_of

    return people.filter(pk__in=[m.user_id for m in members_of(survey.community)])


def survey_open(*, actor: Any, survey: Survey) -> int:
    """Send a draft survey: it opens for answers and its recipients are notified."""
    from kyoso.notifications.services import notify

    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.DRAFT:
            raise KpiError(messages.SURVEY_NOT_DRAFT)
        if not locked.questions.exists():
            raise KpiError(messages.SURVEY_NO_QUESTIONS)
        if locked.closes_at <= timezone.now():
            raise KpiError(messages.SURVEY_CLOSES_IN_PAST, "closes_at")
        locked.status = Survey.Status.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
        audit_record(actor=actor, action=audit.SURVEY_OPENED, target=locked)
        count = notify(
            recipients=recipients_of(locked),
            kind="kpi.survey_opened",
            actor=actor,
            target=locked,
            text=str(messages.SURVEY_INVITATION % {"title": locked.title}),
            url=f"/kpi/surveys/{locked.pk}/",
        )
    survey.status, survey.opened_at = locked.status, locked.opened_at
    return count


def survey_close(*, actor: Any, survey: Survey, now: datetime | None = None) -> Survey:
    """Close an open survey now (or mark a past-due one closed) and refresh what it feeds."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        if locked.status != Survey.Status.OPEN:
            raise KpiError(messages.SURVEY_NOT_OPEN)
        locked.status = Survey.Status.CLOSED
        locked.closed_at = min(now, locked.closes_at)
        locked.save(update_fields=["status", "closed_at"])
        audit_record(actor=actor, action=audit.SURVEY_CLOSED, target=locked)
    fed = list(
        locked.questions.filter(indicator__isnull=False).values_list("indicator_id", flat=True)
    )
    if fed:
        indicators_refresh(indicator_ids=fed, now=now)
    return locked


def surveys_close_due(*, now: datetime | None = None) -> int:
    """Close the open surveys whose closing time has passed (the scheduled refresh)."""
    now = now or timezone.now()
    due = list(Survey.objects.filter(status=Survey.Status.OPEN, closes_at__lte=now))
    for survey in due:
        survey_close(actor=None, survey=survey, now=now)
    return len(due)


def may_answer(survey: Survey, user: Any) -> bool:
    if survey.community_id is None:
        return True
    from kyoso.communities.rules import is_active_in

    return is_active_in(user, survey.community)


def survey_answer(
    *, actor: Any, survey: Survey, answers: dict[int, Any], now: datetime | None = None
) -> Response:
    """Store one person's answers (``question id → choice index or text``), once, before the
    close. An anonymous survey's response carries no person."""
    now = now or timezone.now()
    if survey.status == Survey.Status.CLOSED or (
        survey.status == Survey.Status.OPEN and survey.closes_at <= now
    ):
        closed = survey.closed_at or survey.closes_at
        raise KpiError(messages.SURVEY_CLOSED % {"closed": _when(closed)})
    if survey.status != Survey.Status.OPEN:
        raise KpiError(messages.SURVEY_NOT_OPEN)
    if not may_answer(survey, actor):
        raise KpiError(
            messages.SURVEY_NOT_FOR_YOU % {"community": getattr(survey.community, "name", "")}
        )
    questions = list(survey.questions.all())
    rows: list[Answer] = []
    for question in questions:
        raw = answers.get(question.pk)
        if question.kind == Question.Kind.TEXT:
            text = (raw or "").strip() if isinstance(raw, str) else ""
            if not text:
                if question.required:
                    raise KpiError(messages.ANSWER_REQUIRED, f"q{question.pk}")
                continue
            rows.append(Answer(question=question, text=text))
            continue
        if raw in (None, ""):
            if question.required:
                raise KpiError(messages.ANSWER_REQUIRED, f"q{question.pk}")
            continue
        try:
            choice = int(raw)
        except (TypeError, ValueError):
            raise KpiError(messages.ANSWER_CHOICE_INVALID, f"q{question.pk}") from None
        if not 0 <= choice < len(question.choices):
            raise KpiError(messages.ANSWER_CHOICE_INVALID, f"q{question.pk}")
        rows.append(Answer(question=question, choice=choice))
    try:
        with transaction.atomic():
            # The row lock makes a close and an answer take turns; the status is read again.
            locked = Survey.objects.select_for_update().get(pk=survey.pk)
            if locked.status != Survey.Status.OPEN or locked.closes_at <= now:
                closed = locked.closed_at or locked.closes_at
                raise KpiError(messages.SURVEY_CLOSED % {"closed": _when(closed)})
            SurveyParticipation.objects.create(survey=locked, user=actor)
            response = Response.objects.create(
                survey=locked,
                respondent=None if locked.is_anonymous else actor,
                submitted_on=to_local_date(now),
            )
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
    except IntegrityError:
        raise KpiError(messages.SURVEY_ALREADY_ANSWERED) from None
    return response


def _when(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
