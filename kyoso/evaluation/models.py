"""The annual evaluation report (年次評価報告書) of a fiscal year: its state (draft or published)
with an append-only history, and the highlights the secretariat writes per section. The
figures themselves are never stored here: they are read from the apps that own them each time
the report is rendered (``kyoso/evaluation/content.py``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

#: The first fiscal year a report may be made for.
FIRST_FISCAL_YEAR = 2000
HIGHLIGHT_MAX = 4000


class ReportState(models.TextChoices):
    DRAFT = "draft", _("下書き")
    PUBLISHED = "published", _("公開中")


class Section(models.TextChoices):
    """The report's sections, in the order they are printed."""

    SUMMARY = "summary", _("概要")
    ACTIVITIES = "activities", _("活動実績")
    KPI = "kpi", _("成果指標（KPI）")
    NETWORK = "network", _("ネットワーク")
    FUND = "fund", _("資金")
    OUTLOOK = "outlook", _("今後の展望")


class Report(models.Model):
    fiscal_year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    state = models.CharField(
        _("状態"), max_length=10, choices=ReportState.choices, default=ReportState.DRAFT
    )
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in ReportState]),
                name="evaluation_report_state_known",
            ),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR),
                name="evaluation_report_fiscal_year_range",
            ),
            models.CheckConstraint(
                condition=Q(state=ReportState.DRAFT) | Q(published_at__isnull=False),
                name="evaluation_report_published_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} ({self.state})"

    @property
    def is_published(self) -> bool:
        return self.state == ReportState.PUBLISHED


class ReportStateChange(models.Model):
    """Append-only: every publication and withdrawal of a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=10, choices=ReportState.choices)
    to_state = models.CharField(max_length=10, choices=ReportState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_state=models.F("to_state")),
                name="evaluation_state_change_moves",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class Highlight(models.Model):
    """What the secretariat writes for one section of one year's report (plain text)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="highlights")
    section = models.CharField(_("章"), max_length=12, choices=Section.choices)
    body = models.TextField(_("本文"), max_length=HIGHLIGHT_MAX)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "section"], name="evaluation_highlight_once"),
            models.CheckConstraint(
                condition=Q(section__in=[s.value for s in Section]),
                name="evaluation_highlight_section_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report.fiscal_year} {self.section}"
