"""The events' figures as computed KPI sources (kyoso.core.indicators), read from
:func:`kyoso.events.figures.participation_figures` (never recounted here), per 年度 and per
community."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register
from kyoso.events.models import EventKind

if TYPE_CHECKING:
    from kyoso.events.figures import ParticipationFigures


def _figures(fiscal_year: int, community_id: int | None) -> ParticipationFigures:
    from kyoso.events.figures import participation_figures

    return participation_figures(fiscal_year, community_id=community_id)


def events_held(fiscal_year: int, community_id: int | None) -> int:
    return _figures(fiscal_year, community_id).events


def _held_of(kind: str) -> Callable[[int, int | None], int]:
    def held(fiscal_year: int, community_id: int | None) -> int:
        return _figures(fiscal_year, community_id).events_by_kind.get(kind, 0)

    return held


def participants_total(fiscal_year: int, community_id: int | None) -> int:
    return _figures(fiscal_year, community_id).attendance


def participants_unique(fiscal_year: int, community_id: int | None) -> int:
    return _figures(fiscal_year, community_id).unique_people


def participants_first_time(fiscal_year: int, community_id: int | None) -> int:
    return _figures(fiscal_year, community_id).first_time


def register_sources() -> None:
    register(
        "events.held",
        label=_("開催したセッション数"),
        unit="count",
        compute=events_held,
        per_community=True,
    )
    for kind in EventKind:
        register(
            f"events.held_{kind.value}",
            label=format_lazy(_("開催したセッション数（{kind}）"), kind=kind.label),
            unit="count",
            compute=_held_of(kind.value),
            per_community=True,
        )
    register(
        "events.participants_total",
        label=_("セッション参加者数（のべ）"),
        unit="people",
        compute=participants_total,
        per_community=True,
    )
    register(
        "events.participants_unique",
        label=_("セッション参加者数（実人数）"),
        unit="people",
        compute=participants_unique,
        per_community=True,
    )
    register(
        "events.participants_first_time",
        label=_("新しく参加した人の数"),
        unit="people",
        compute=participants_first_time,
        per_community=True,
    )
