"""The missions' figure as a computed KPI source (kyoso.core.indicators): places filled, i.e.
applications accepted in the 年度, read from :func:`kyoso.missions.selectors.accepted_pairs`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register


def missions_filled(fiscal_year: int, community_id: int | None) -> int:
    from kyoso.events.figures import fiscal_year_bounds
    from kyoso.missions.selectors import accepted_pairs

    start, end = fiscal_year_bounds(fiscal_year)
    return accepted_pairs().filter(at__gte=start, at__lt=end).count()


def register_sources() -> None:
    register(
        "missions.filled",
        label=_("ミッションの受け入れ決定数"),
        unit="count",
        compute=missions_filled,
    )
