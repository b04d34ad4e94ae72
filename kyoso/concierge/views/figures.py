"""A hub's figures per fiscal year: a page with a chart and its table, and a CSV download
(UTF-8 with BOM). Seen by the hub's staff, its concierges and the secretariat."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from kyoso.concierge import messages, selectors
from kyoso.concierge.figures import figures_rows
from kyoso.core.fiscal import fiscal_year, fiscal_year_label
from kyoso.core.policy import rule_required
from kyoso.core.spreadsheet import csv_lines
from kyoso.core.text import normalize_text
from kyoso.hubs.selectors import hub_get_by_slug

FIRST_FY = 2000


def _hub(request: HttpRequest, slug: str, **kwargs: Any) -> Any:
    return hub_get_by_slug(slug)


def _fiscal_year(text: str) -> tuple[int, str]:
    current = fiscal_year(timezone.now())
    cleaned = normalize_text(text)
    if not cleaned:
        return current, ""
    if cleaned.isdigit() and FIRST_FY <= int(cleaned) <= current + 1:
        return int(cleaned), ""
    return current, str(messages.FY_INVALID % {"text": cleaned})


@require_GET
@rule_required("concierge.view_figures", get_object=_hub)
def figures_page(request: HttpRequest, slug: str, obj: Any) -> HttpResponse:
    fy, error = _fiscal_year(request.GET.get("fy", ""))
    current = fiscal_year(timezone.now())
    result = selectors.hub_figures(obj, fy)
    return render(
        request,
        "concierge/figures.html",
        {
            "hub": obj,
            "figures": result,
            "fy": fy,
            "label": fiscal_year_label(fy),
            "theme_rows": result.theme_rows(),
            "previous_fy": fy - 1 if fy > FIRST_FY else None,
            "next_fy": fy + 1 if fy < current else None,
            "error": error,
        },
        status=400 if error else 200,
    )


@require_GET
@rule_required("concierge.view_figures", get_object=_hub)
def figures_csv(request: HttpRequest, slug: str, obj: Any) -> HttpResponseBase:
    fy, error = _fiscal_year(request.GET.get("fy", ""))
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    rows = figures_rows(selectors.hub_figures(obj, fy), obj.name)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="concierge-{obj.slug}-{fy}.csv"'
    return response


urlpatterns = [
    path("hubs/<slug:slug>/figures/", figures_page, name="figures"),
    path("hubs/<slug:slug>/figures.csv", figures_csv, name="figures_csv"),
]
