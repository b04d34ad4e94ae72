"""Writes of the evaluation app: the secretariat's highlights, publishing and withdrawing a
year's report. Each in one transaction with an audit row; a report row is made on first write
(a year nobody wrote about is a draft without a row)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from kyoso.audit.services import audit_record
from kyoso.core.fiscal import fiscal_year
from kyoso.evaluation import audit, messages
from kyoso.evaluation.models import (
    FIRST_FISCAL_YEAR,
    HIGHLIGHT_MAX,
    Highlight,
    Report,
    ReportState,
    ReportStateChange,
    Section,
)


class EvaluationError(Exception):
    def __init__(self, code: str, message: Any) -> None:
        super().__init__(code)
        self.code = code
        self.message = str(message)


def last_fiscal_year() -> int:
    """The latest year a report may be made for: the current 年度."""
    return fiscal_year(timezone.now())


def check_fiscal_year(fy: int) -> None:
    last = last_fiscal_year()
    if not FIRST_FISCAL_YEAR <= fy <= last:
        raise EvaluationError(
            "fiscal_year_out_of_range",
            messages.FY_OUT_OF_RANGE % {"year": fy, "first": FIRST_FISCAL_YEAR, "last": last},
        )


def _locked_report(fy: int) -> Report:
    check_fiscal_year(fy)
    report, _created = Report.objects.get_or_create(fiscal_year=fy)
    return Report.objects.select_for_update().get(pk=report.pk)


def report_highlights_save(
    *, actor: Any, fiscal_year: int, bodies: dict[str, str], request: HttpRequest | None = None
) -> Report:
    """Save the highlights of the sections in ``bodies`` (an empty text removes one)."""
    for section, body in bodies.items():
        if section not in Section.values:
            raise EvaluationError("section_unknown", f"unknown section {section!r}")
        if len(body) > HIGHLIGHT_MAX:
            raise EvaluationError(
                "too_long",
                messages.HIGHLIGHT_TOO_LONG
                % {"section": Section(section).label, "limit": HIGHLIGHT_MAX, "length": len(body)},
            )
    with transaction.atomic():
        report = _locked_report(fiscal_year)
        changed = []
        current = {h.section: h for h in report.highlights.all()}
        for section, body in bodies.items():
            text = body.strip()
            existing = current.get(section)
            if not text:
                if existing is not None:
                    existing.delete()
                    changed.append(section)
            elif existing is None:
                Highlight.objects.create(
                    report=report, section=section, body=text, updated_by=actor
                )
                changed.append(section)
            elif existing.body != text:
                existing.body = text
                existing.updated_by = actor
                existing.save(update_fields=["body", "updated_by", "updated_at"])
                changed.append(section)
        if changed:
            report.save(update_fields=["updated_at"])
            audit_record(
                actor=actor,
                action=audit.HIGHLIGHTS_SAVED,
                target=report,
                data={"fiscal_year": fiscal_year, "sections": changed},
                request=request,
            )
    return report


def report_publish(*, actor: Any, fiscal_year: int, request: HttpRequest | None = None) -> Report:
    with transaction.atomic():
        report = _locked_report(fiscal_year)
        if report.state == ReportState.PUBLISHED:
            raise EvaluationError("already_published", messages.ALREADY_PUBLISHED)
        report.state = ReportState.PUBLISHED
        report.published_at = timezone.now()
        report.save(update_fields=["state", "published_at", "updated_at"])
        ReportStateChange.objects.create(
            report=report, from_state=ReportState.DRAFT, to_state=ReportState.PUBLISHED, actor=actor
        )
        audit_record(
            actor=actor,
            action=audit.PUBLISHED,
            target=report,
            data={"fiscal_year": fiscal_year},
            request=request,
        )
    return report


def report_withdraw(
    *, actor: Any, fiscal_year: int, reason: str, request: HttpRequest | None = None
) -> Report:
    reason = reason.strip()
    if not reason:
        raise EvaluationError("reason_required", messages.REASON_REQUIRED)
    with transaction.atomic():
        report = _locked_report(fiscal_year)
        if report.state != ReportState.PUBLISHED:
            raise EvaluationError("not_published", messages.NOT_PUBLISHED)
        report.state = ReportState.DRAFT
        report.published_at = None
        report.save(update_fields=["state", "published_at", "updated_at"])
        ReportStateChange.objects.create(
            report=report,
            from_state=ReportState.PUBLISHED,
            to_state=ReportState.DRAFT,
            actor=actor,
            reason=reason[:500],
        )
        audit_record(
            actor=actor,
            action=audit.WITHDRAWN,
            target=report,
            data={"fiscal_year": fiscal_year, "reason": reason[:500]},
            request=request,
        )
    return report
