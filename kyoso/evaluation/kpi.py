"""The report's KPI section: each indicator with its baseline, the year's target and actual.

Read through the KPI app's selectors (``kyoso/kpi``) once that app is on the branch; until
then the table says 「記録なし」.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kyoso.evaluation import messages
from kyoso.evaluation.tables import Table


def table(fy: int) -> Table:
    return Table(
        key="kpi",
        title=_("成果指標（KPI）"),
        columns=[_("指標"), _("単位"), _("基準値"), _("目標値"), _("実績値"), _("達成率")],
        rows=[[str(messages.NO_RECORD), "", None, None, None, None]],
        numeric=frozenset({2, 3, 4, 5}),
    )


def chart(fy: int) -> str | None:
    return None
