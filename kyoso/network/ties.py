"""The registry of tie sources: where the collaboration network's ties come from.

Each app that knows of people working together registers a source in its (or this app's)
``ready()``::

    register_tie_source("event", fn, label=_("イベントへの同時参加"))

``fn(start, end)`` yields ``(a_user_id, b_user_id, date)``: a tie between two people dated
``date`` (a ``datetime.date``, Japan time), for ``start <= date <= end``. Order and duplicates
do not matter; :func:`ties` normalizes them (smaller id first, no self-ties, in range).
Sources read through their own app's selectors; this module never touches another app's
models. :func:`pairs_from_groups` turns "people in the same group since a date" rows into
ties (dated when the later of the two joined).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from typing import Any

TieRow = tuple[int, int, date]
TieSource = Callable[[date, date], Iterable[TieRow]]


@dataclass(frozen=True)
class Source:
    kind: str
    fn: TieSource
    label: Any


_SOURCES: dict[str, Source] = {}


def register_tie_source(kind: str, fn: TieSource, *, label: Any = None) -> None:
    """Add (or replace, for tests) the source of ``kind`` ties."""
    _SOURCES[kind] = Source(kind=kind, fn=fn, label=label or kind)


def unregister_tie_source(kind: str) -> None:
    _SOURCES.pop(kind, None)


def sources() -> list[Source]:
    return list(_SOURCES.values())


def label_of(kind: str) -> Any:
    source = _SOURCES.get(kind)
    return source.label if source else kind


def as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        from django.utils import timezone

        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


@dataclass(frozen=True)
class Tie:
    a: int
    b: int
    on: date
    kind: str


def ties(start: date, end: date, kinds: Iterable[str] | None = None) -> Iterator[Tie]:
    """Every tie of every registered source dated ``start``..``end`` (inclusive)."""
    wanted = set(kinds) if kinds is not None else None
    for source in sources():
        if wanted is not None and source.kind not in wanted:
            continue
        for a, b, on in source.fn(start, end):
            if a is None or b is None or a == b:
                continue
            on = as_date(on)
            if not start <= on <= end:
                continue
            if a > b:
                a, b = b, a
            yield Tie(a, b, on, source.kind)


def pairs_from_groups(
    rows: Iterable[tuple[Any, int, date | datetime]], start: date, end: date
) -> Iterator[TieRow]:
    """``(group, user_id, joined)`` rows, ordered by group, to ties between every two
    members of a group, dated when the later one joined (kept when in ``start``..``end``)."""
    for _group, members in groupby(rows, key=lambda row: row[0]):
        dated = sorted({(as_date(when), user) for _g, user, when in members if user is not None})
        for j, (joined_j, user_j) in enumerate(dated):
            if joined_j > end:
                break
            if joined_j < start:
                continue
            for _joined_i, user_i in dated[:j]:
                if user_i != user_j:
                    yield (user_i, user_j, joined_j)
