"""The home's filter (``?municipality=`` JIS code or ``?community=`` id), read from a request,
and the places it offers.

A filter that names nothing (a wrong code, a community that does not exist) is dropped with a
notice rather than failing: the home always answers. One query per filter given (the place's
or the community's name to show), none without a filter.

The places offered are those where something public is: each app registers, in ``ready()``,
the rows the home shows and their municipality field (:func:`register_places`). The list is
read in one query and cached under the home versions of those apps (kyoso.core.home.touch),
so a warm home reads it from the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import translation

from kyoso.core import home, messages
from kyoso.core.home import HomeFilters

_PLACES_PREFIX = "kyoso:home:places:"


@dataclass(frozen=True)
class PlaceSource:
    rows: Callable[[], QuerySet]
    field: str
    depends_on: tuple[str, ...]


_sources: dict[str, PlaceSource] = {}


def register_places(
    key: str,
    *,
    rows: Callable[[], QuerySet],
    depends_on: Iterable[str],
    field: str = "municipality",
) -> None:
    """Offer on the home's filter the municipalities where ``rows()`` are (public rows only:
    the list is the same for every visitor). ``depends_on``: the home versions that change
    when those rows do."""
    _sources[key] = PlaceSource(rows=rows, field=field, depends_on=tuple(depends_on))


def unregister_places(key: str) -> None:
    _sources.pop(key, None)


@dataclass(frozen=True)
class PlaceGroup:
    prefecture: str
    #: ``(code, name)``: 「酒田市」, a ward with its city 「仙台市青葉区」.
    places: list[tuple[str, str]]


def depends_on() -> set[str]:
    """The versions the place filter's choices are cached under."""
    return {name for source in _sources.values() for name in source.depends_on}


def place_groups() -> list[PlaceGroup]:
    """The places the filter offers, grouped by prefecture in code order (1 query when cold,
    none when the cache holds them)."""
    from kyoso.regions.selectors import municipalities_where_any

    sources = [_sources[key] for key in sorted(_sources)]
    versions = home._versions(name for source in sources for name in source.depends_on)
    key = _PLACES_PREFIX + ",".join(f"{n}{v}" for n, v in sorted(versions.items()))
    key += ":" + (translation.get_language() or "")
    groups = cache.get(key)
    if groups is None:
        places = municipalities_where_any((s.rows(), s.field) for s in sources)
        by_prefecture: dict[str, PlaceGroup] = {}
        for place in places:
            group = by_prefecture.setdefault(
                place.prefecture_id, PlaceGroup(prefecture=place.prefecture.name, places=[])
            )
            parent = place.parent
            name = f"{parent.name}{place.name}" if parent is not None else place.name
            group.places.append((place.code, name))
        groups = list(by_prefecture.values())
        cache.set(key, groups, home.FRAGMENT_SECONDS)
    return groups


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
