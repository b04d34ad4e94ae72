"""The home's filter (``?municipality=`` JIS code or ``?community=`` id), read from a request.

A filter that names nothing (a wrong code, a community that does not exist) is dropped with a
notice rather than failing: the home always answers. One query per filter given (the place's
or the community's name to show), none without a filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict

from kyoso.core import messages
from kyoso.core.home import HomeFilters


@dataclass(frozen=True)
class ChosenFilters:
    filters: HomeFilters
    #: What the home is narrowed to, in words (「山形県酒田市」, 「庄内農業共創コミュニティ」).
    label: str = ""
    #: Why a filter given was dropped (a message constant), or "".
    notice: Any = ""


def filters_from(params: QueryDict) -> ChosenFilters:
    code = (params.get("municipality") or "").strip()
    community = (params.get("community") or "").strip()
    if code:
        return _municipality(code)
    if community:
        return _community(community)
    return ChosenFilters(filters=HomeFilters())


def _municipality(text: str) -> ChosenFilters:
    from kyoso.regions.codes import MunicipalityCodeError, normalize_municipality_code
    from kyoso.regions.models import Municipality

    try:
        code = normalize_municipality_code(text)
    except MunicipalityCodeError:
        return ChosenFilters(filters=HomeFilters(), notice=messages.HOME_UNKNOWN_MUNICIPALITY)
    place = Municipality.objects.select_related("prefecture", "parent").filter(pk=code).first()
    if place is None:
        return ChosenFilters(filters=HomeFilters(), notice=messages.HOME_UNKNOWN_MUNICIPALITY)
    return ChosenFilters(filters=HomeFilters(municipality=place.code), label=place.full_name)


def _community(text: str) -> ChosenFilters:
    from kyoso.communities.models import Community

    community = (
        Community.objects.filter(pk=int(text)).first()
        if text.isdigit() and len(text) <= 12
        else None
    )
    if community is None:
        return ChosenFilters(filters=HomeFilters(), notice=messages.HOME_UNKNOWN_COMMUNITY)
    return ChosenFilters(filters=HomeFilters(community=community.pk), label=community.name)
