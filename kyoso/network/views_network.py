"""The collaboration network: the secretariat's picture and figures of two fiscal years, and
the public aggregates."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kyoso.core.fiscal import fiscal_year_label, fiscal_year_range
from kyoso.core.policy import public, rule_required
from kyoso.network import figures as fig
from kyoso.network import selectors, svg
from kyoso.network.forms import PeriodForm


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
            "rows": fig.compare(before, after),
            "picture": mark_safe(picture),  # noqa: S308 - numbers and escaped names only
            "colours": svg.COLOURS.items(),
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
