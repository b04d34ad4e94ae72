"""Yearly series in the three forms (pure functions, no queries).

A figure per 年度 is given in one :class:`~kyoso.kpi.models.Form`:

- ``increment``: the year's own increase; the cumulative is the running sum from the plan's
  first year (a missing year leaves every later cumulative unknown).
- ``cumulative``: the increase since the baseline up to the year; the increment is the
  difference with the previous year (0 before the plan's first year; unknown after a year
  without a figure).
- ``level``: the value itself; the cumulative is ``level − baseline``.

Every form gives the other two, and the level is always ``baseline + cumulative``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass(frozen=True)
class Point:
    increment: Decimal | None
    cumulative: Decimal | None
    level: Decimal | None


EMPTY = Point(None, None, None)


def expand(
    form: str, values: Mapping[int, Decimal], *, baseline: Decimal, years: Iterable[int]
) -> dict[int, Point]:
    """Each of ``years`` (in order, consecutive) as a :class:`Point` from ``values`` in ``form``."""
    out: dict[int, Point] = {}
    previous_cumulative: Decimal | None = ZERO
    for year in years:
        value = values.get(year)
        if value is None:
            out[year] = EMPTY
            # The next year's increment (or, for increments, its cumulative) is unknown.
            previous_cumulative = None
            continue
        increment: Decimal | None
        cumulative: Decimal | None
        if form == "increment":
            increment = value
            cumulative = None if previous_cumulative is None else previous_cumulative + value
        elif form == "cumulative":
            cumulative = value
            increment = None if previous_cumulative is None else value - previous_cumulative
        elif form == "level":
            cumulative = value - baseline
            increment = None if previous_cumulative is None else cumulative - previous_cumulative
        else:
            raise ValueError(f"Unknown form {form!r}")
        level = None if cumulative is None else baseline + cumulative
        out[year] = Point(increment, cumulative, level)
        previous_cumulative = cumulative
    return out


def on_track(target: Point, actual: Point) -> bool | None:
    """Whether the actual reaches the target (higher is better), or None when either is unknown."""
    if target.cumulative is None or actual.cumulative is None:
        return None
    return actual.cumulative >= target.cumulative
