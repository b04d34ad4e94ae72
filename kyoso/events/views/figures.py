"""Participation figures per fiscal year (``/events/figures/?fy=2021``).

Everyone sees the aggregate counts; the breakdown by sector and organization type only the
secretariat (``events.view_participation_breakdown``): small groups can point at people.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kyoso.accounts.models import Sector
from kyoso.core.fiscal import fiscal_year, fiscal_year_label
from kyoso.core.policy import check, public
from kyoso.core.text import normalize_text
from kyoso.events.figures import participation_figures
from kyoso.events.models import EventKind
from kyoso.orgs.models import OrganizationType

FY_INVALID = _("「%(text)s」は年度として読み取れません。「2021」のように西暦で指定してください。")
FIRST_FY = 2000


def _fiscal_year(text: str, current: int) -> tuple[int, str]:
    cleaned = normalize_text(text)
    if not cleaned:
        return current, ""
    if cleaned.isdigit() and FIRST_FY <= int(cleaned) <= current + 1:
        return int(cleaned), ""
    return current, str(FY_INVALID % {"text": cleaned})


@public
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    current = fiscal_year(timezone.now())
    fy, error = _fiscal_year(request.GET.get("fy", ""), current)
    breakdown = check("events.view_participation_breakdown", request.user)
    result = participation_figures(fy, breakdown=breakdown)
    kinds = [(EventKind(k).label, n) for k, n in result.events_by_kind.items()]
    not_stated = _("記入なし・所属なし")
    sectors = [
        (dict(Sector.choices).get(k, not_stated) if k else not_stated, n)
        for k, n in sorted(result.by_sector.items(), key=lambda item: (-item[1], item[0]))
    ]
    org_types = [
        (dict(OrganizationType.choices).get(k, not_stated) if k else not_stated, n)
        for k, n in sorted(result.by_org_type.items(), key=lambda item: (-item[1], item[0]))
    ]
    return render(
        request,
        "events/figures.html",
        {
            "figures": result,
            "label": fiscal_year_label(fy),
            "kinds": kinds,
            "breakdown": breakdown,
            "sectors": sectors,
            "org_types": org_types,
            "previous_fy": fy - 1 if fy > FIRST_FY else None,
            "next_fy": fy + 1 if fy < current else None,
            "error": error,
        },
        status=400 if error else 200,
    )


urlpatterns = [
    path("figures/", figures, name="figures"),
]
