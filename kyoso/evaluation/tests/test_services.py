"""The secretariat's writes: highlights per section, publish and withdraw with an append-only
history and audit rows; clear refusals that change nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kyoso.audit.models import AuditEvent
from kyoso.core.fiscal import fiscal_year
from kyoso.evaluation import messages
from kyoso.evaluation.models import HIGHLIGHT_MAX, Highlight, Report, ReportStateChange
from kyoso.evaluation.selectors import report_years, year_report
from kyoso.evaluation.services import (
    EvaluationError,
    report_highlights_save,
    report_publish,
    report_withdraw,
)

pytestmark = pytest.mark.django_db


def test_highlights_are_saved_changed_and_removed(sato):
    report_highlights_save(
        actor=sato,
        fiscal_year=2021,
        bodies={"summary": "  オンライン情報交換会を11回開いた。 ", "outlook": "拠点を開く。"},
    )
    assert year_report(2021).highlights == {
        "summary": "オンライン情報交換会を11回開いた。",
        "outlook": "拠点を開く。",
    }
    report_highlights_save(
        actor=sato, fiscal_year=2021, bodies={"summary": "書き直した。", "outlook": ""}
    )
    assert year_report(2021).highlights == {"summary": "書き直した。"}
    audits = AuditEvent.objects.filter(action="evaluation.highlights_saved").order_by("id")
    assert [a.data["sections"] for a in audits] == [["summary", "outlook"], ["summary", "outlook"]]
    # Saving the same text again changes nothing and writes no audit row.
    report_highlights_save(actor=sato, fiscal_year=2021, bodies={"summary": "書き直した。"})
    assert audits.count() == 2


def test_a_too_long_highlight_is_refused_with_nothing_written(sato):
    with pytest.raises(EvaluationError) as refused:
        report_highlights_save(
            actor=sato,
            fiscal_year=2021,
            bodies={"summary": "短い。", "kpi": "あ" * (HIGHLIGHT_MAX + 1)},
        )
    assert refused.value.message == (
        f"成果指標（KPI）の記述は{HIGHLIGHT_MAX}文字以内にしてください（{HIGHLIGHT_MAX + 1}文字）。"
    )
    assert not Highlight.objects.exists() and not Report.objects.exists()


def test_publish_then_withdraw_keeps_the_history(sato):
    report = report_publish(actor=sato, fiscal_year=2021)
    assert report.is_published and report.published_at is not None
    assert [y.fiscal_year for y in report_years(include_drafts=False)] == [2021]
    report_withdraw(actor=sato, fiscal_year=2021, reason="数字の誤りを直すため")
    assert not year_report(2021).is_published
    assert report_years(include_drafts=False) == []
    assert [y.fiscal_year for y in report_years(include_drafts=True)] == [2021]
    changes = list(ReportStateChange.objects.values_list("from_state", "to_state", "reason"))
    assert changes == [("draft", "published", ""), ("published", "draft", "数字の誤りを直すため")]
    assert list(
        AuditEvent.objects.filter(action__startswith="evaluation.")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["evaluation.published", "evaluation.withdrawn"]


def test_refusals_say_why(sato):
    report_publish(actor=sato, fiscal_year=2021)
    with pytest.raises(EvaluationError) as twice:
        report_publish(actor=sato, fiscal_year=2021)
    assert twice.value.message == str(messages.ALREADY_PUBLISHED)
    with pytest.raises(EvaluationError) as no_reason:
        report_withdraw(actor=sato, fiscal_year=2021, reason="  ")
    assert no_reason.value.message == str(messages.REASON_REQUIRED)
    with pytest.raises(EvaluationError) as draft:
        report_withdraw(actor=sato, fiscal_year=2020, reason="誤り")
    assert draft.value.message == str(messages.NOT_PUBLISHED)
    assert ReportStateChange.objects.count() == 1


@pytest.mark.parametrize("fy", [1999, 0, "next"])
def test_years_outside_the_range_are_refused(sato, fy):
    last = fiscal_year(timezone.now())
    year = last + 1 if fy == "next" else fy
    with pytest.raises(EvaluationError) as refused:
        report_publish(actor=sato, fiscal_year=year)
    assert refused.value.code == "fiscal_year_out_of_range"
    assert refused.value.message == (
        f"{year}年度の報告書は作れません。2000年度から{last}年度までの年度を指定してください。"
    )
    assert not Report.objects.exists()
