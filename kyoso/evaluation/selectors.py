"""Reads of the evaluation app: a year's report state and highlights, the list of years."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from kyoso.evaluation.models import Highlight, Report, ReportState, Section


@dataclass(frozen=True)
class YearReport:
    """A fiscal year's report as the rules and pages see it (a year without a row is a draft
    with no highlights)."""

    fiscal_year: int
    state: str = ReportState.DRAFT
    published_at: datetime | None = None
    #: section → text, only the sections written.
    highlights: dict[str, str] = field(default_factory=dict)

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED

    @property
    def state_label(self) -> str:
        return str(ReportState(self.state).label)

    def highlight_rows(self) -> list[tuple[str, str, str]]:
        """(section, label, text) for every section, written or not, in report order."""
        return [(s.value, str(s.label), self.highlights.get(s.value, "")) for s in Section]


def _year(report: Report) -> YearReport:
    return YearReport(
        fiscal_year=report.fiscal_year,
        state=report.state,
        published_at=report.published_at,
        highlights={h.section: h.body for h in report.highlights.all()},
    )


def year_report(fy: int) -> YearReport:
    """The report of ``fy`` (two queries: the report, its highlights; one when there is none)."""
    report = (
        Report.objects.filter(fiscal_year=fy)
        .prefetch_related(Prefetch("highlights", queryset=Highlight.objects.order_by("id")))
        .first()
    )
    return _year(report) if report is not None else YearReport(fiscal_year=fy)


def report_years(*, include_drafts: bool) -> list[YearReport]:
    """The reports in newest-first order: published ones, and drafts when asked (one query)."""
    rows = Report.objects.order_by("-fiscal_year")
    if not include_drafts:
        rows = rows.filter(state=ReportState.PUBLISHED)
    return [
        YearReport(fiscal_year=r.fiscal_year, state=r.state, published_at=r.published_at)
        for r in rows
    ]
