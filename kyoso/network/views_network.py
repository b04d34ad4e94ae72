"""The collaboration network: the secretariat's picture and figures of two fiscal years, and
the public aggregates."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyoso.core.fiscal import fiscal_year_label, fiscal_year_range
from kyoso.core.policy import public, rule_required
from kyoso.network import figures as fig
from kyoso.network import selectors, svg
from kyoso.network.forms import PeriodForm

#: The row headings of the before/after table (the keys of ``figures.compare``).
FIGURE_LABELS = {
    "people": gettext_lazy("つながりのある人"),
    "ties": gettext_lazy("つながり（組）"),
    "density": gettext_lazy("密度"),
    "components": gettext_lazy("まとまりの数"),
    "largest_component": gettext_lazy("最大のまとまりの人数"),
    "cross_sector_ties": gettext_lazy("分野をまたぐつながり"),
    "cross_sector_share": gettext_lazy("分野をまたぐつながりの割合"),
}


def _shown(figure: str, value: float) -> str:
    """A figure as the table shows it: shares in percent, density to four places."""
    if figure == "cross_sector_share":
        return f"{value * 100:.1f}%"
    if figure == "density":
        return f"{value:.4f}"
    return f"{value:,}"


def _legend() -> list[tuple[object, str]]:
    """(sector label, sector key) for the picture's legend; pages.css has each sector's colour
    (``.network-legend__dot--<key>``, the same as ``svg.COLOURS``)."""
    from kyoso.accounts.selectors import sector_labels

    labels: dict[str, object] = {**sector_labels(), fig.UNKNOWN: gettext_lazy("分野不明")}
    return [(labels.get(sector, sector), sector) for sector in svg.COLOURS]


def _years(request: HttpRequest) -> tuple[int, int, PeriodForm]:
    form = PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        return form.cleaned_data["before"], form.cleaned_data["after"], form
    return 2021, 2022, PeriodForm(initial={"before": 2021, "after": 2022})


@rule_required("network.view_network")
def network_page(request: HttpRequest) -> HttpResponse:
    before_fy, after_fy, form = _years(request)
    before, _g = selectors.network(*fiscal_year_range(before_fy))
    after, graph = selectors.network(*fiscal_year_range(after_fy))
    sectors = selectors.sectors()
    from kyoso.accounts.selectors import display_names

    names = display_names(selectors.shown_people() & set(graph.nodes()))
    picture = svg.render(
        graph,
        sectors,
        names,
        title=_("%(year)sのつながり") % {"year": fiscal_year_label(after_fy)},
    )
    return render(
        request,
        "network/network.html",
        {
            "form": form,
            "before": before.as_dict(),
            "after": after.as_dict(),
            "before_label": fiscal_year_label(before_fy),
            "after_label": fiscal_year_label(after_fy),
            "rows": [
                {
                    "label": FIGURE_LABELS.get(row["figure"], row["figure"]),
                    **{k: _shown(row["figure"], row[k]) for k in ("before", "after", "change")},
                }
                for row in fig.compare(before, after)
            ],
            "picture": mark_safe(picture),  # noqa: S308 - numbers and escaped names only
            "colours": _legend(),
        },
    )


@public
def public_figures(request: HttpRequest) -> HttpResponse:
    before_fy, after_fy, form = _years(request)
    return render(
        request,
        "network/public.html",
        {
            "form": form,
            "before_label": fiscal_year_label(before_fy),
            "after_label": fiscal_year_label(after_fy),
            "before": selectors.public_network_figures(*fiscal_year_range(before_fy)),
            "after": selectors.public_network_figures(*fiscal_year_range(after_fy)),
        },
    )


app_name = "network"

urlpatterns = [
    path("", network_page, name="picture"),
    path("figures/", public_figures, name="figures"),
]
