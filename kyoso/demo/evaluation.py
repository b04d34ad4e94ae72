"""Loading the demo's FY2021 evaluation report (issue 19): the secretariat's highlights, taken
from seed 000's 令和3年度 report, and the report published, so that ``/evaluation/2021/`` is
on the public site. The figures themselves are the demo's sessions (``_load_events``), KPIs
and network: the report reads them, nothing is copied.

Idempotent like the rest of ``load-demo``: a year that already has a report is left as it is
(staff edits made in between are kept).
"""

from __future__ import annotations

from typing import Any

FISCAL_YEAR = 2021

HIGHLIGHTS = {
    "summary": (
        "社会課題のプラットフォームとしての「せんだい・みやぎソーシャルハブ」の運用にあたり、"
        "事務局を NPO 法人都市デザインワークス、NPO 法人せんだい・みやぎ NPO センターで"
        "試験的に担った。\n\n"
        "セッションとして「オンライン情報交換会」を11回（定例会7回、テーマ勉強会4回）開催し、"
        "のべ128人の参加があった。"
    ),
    "activities": (
        "参加者には、市民活動団体、企業経営者、大学関係者、市議会議員、行政職員などが含まれ、"
        "多様な主体が参加し、情報交換・意見交換を行う場を提供できた。"
    ),
    "outlook": (
        "共創プラットフォームの具体化に向けて、セッション、レジデンスラボ、アーカイブ・ギャラリーの"
        "3つのプログラムを続け、地元企業へのヒアリングで見えた協働の種をプロジェクトにつなげる。"
    ),
}


def load_evaluation(run: Any) -> None:
    """The ``load_evaluation`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.evaluation.selectors import report_years
    from kyoso.evaluation.services import report_highlights_save, report_publish

    run.totals["evaluation reports"] += 1
    if any(y.fiscal_year == FISCAL_YEAR for y in report_years(include_drafts=True)):
        return
    report_highlights_save(actor=run.secretariat, fiscal_year=FISCAL_YEAR, bodies=HIGHLIGHTS)
    report_publish(actor=run.secretariat, fiscal_year=FISCAL_YEAR)
    run.created["evaluation reports"] += 1
