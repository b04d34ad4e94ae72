"""The network's figures as computed KPI sources (kyoso.core.indicators): introductions
accepted by both sides in the 年度, and the ties across sectors of the collaboration network
(:func:`kyoso.network.selectors.network_figures`, not recounted)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register


def introductions_accepted(fiscal_year: int, community_id: int | None) -> int:
    from django.db.models.functions import Greatest

    from kyoso.events.figures import fiscal_year_bounds
    from kyoso.network.models import Introduction, IntroductionStatus

    start, end = fiscal_year_bounds(fiscal_year)
    return (
        Introduction.objects.filter(status=IntroductionStatus.ACCEPTED)
        .annotate(both=Greatest("requester_accepted_at", "target_accepted_at"))
        .filter(both__gte=start, both__lt=end)
        .count()
    )


def cross_sector_ties(fiscal_year: int, community_id: int | None) -> int:
    from kyoso.core.fiscal import fiscal_year_range
    from kyoso.network.selectors import network_figures

    return int(network_figures(*fiscal_year_range(fiscal_year)).get("cross_sector_ties") or 0)


def register_sources() -> None:
    register(
        "network.introductions_accepted",
        label=_("成立した紹介の数"),
        unit="count",
        compute=introductions_accepted,
    )
    register(
        "network.cross_sector_ties",
        label=_("分野をまたぐつながりの数"),
        unit="count",
        compute=cross_sector_ties,
    )
