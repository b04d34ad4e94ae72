"""The concierge's figure as a computed KPI source (kyoso.core.indicators): consultations at
every hub in the 年度, the sum of :func:`kyoso.concierge.selectors.hub_figures` per hub."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register


def hub_consultations(fiscal_year: int, community_id: int | None) -> int:
    from kyoso.concierge.selectors import hub_figures
    from kyoso.hubs.selectors import hub_list

    return sum(hub_figures(hub, fiscal_year).consultations for hub in hub_list())


def register_sources() -> None:
    register(
        "concierge.consultations",
        label=_("拠点での相談件数"),
        unit="count",
        compute=hub_consultations,
    )
