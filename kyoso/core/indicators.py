"""Figures that apps compute from their own data, for the KPIs (issue 19), registered here.

The KPI app (indicators with baselines, targets and actuals per 年度) must not import the apps
whose figures it reports, and those apps must not import it. Each app registers its sources in
``AppConfig.ready()``::

    from kyoso.core.indicators import register

    register(
        "events.participants_total",
        label=_("セッション参加者数（のべ）"),
        unit="people",
        compute=participants_total,
        per_community=True,
    )

``compute(fiscal_year, community_id)`` returns the figure for the 年度 (April–March, see
``kyoso.core.fiscal``) as an ``int`` or ``Decimal``, for one community when ``community_id``
is given and ``per_community`` is set, otherwise for the whole region. It reads through the
app's own selectors (reuse existing figures, never recount) and may run a few queries; the KPI
app stores what it gets, so pages never call a source per request.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise

#: What a figure counts. ``thousand_yen`` is 千円 (money figures are rounded down from yen).
UNITS = ("people", "count", "thousand_yen", "yen", "percent")

Compute = Callable[[int, int | None], int | Decimal]

_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Source:
    #: ``<app>.<figure>``, e.g. ``events.participants_total``.
    key: str
    label: str | Promise
    unit: str
    compute: Compute
    #: Whether ``compute`` honours a community id (else the figure is region-wide only).
    per_community: bool = False


_sources: dict[str, Source] = {}


def register(
    key: str,
    *,
    label: str | Promise,
    unit: str,
    compute: Compute,
    per_community: bool = False,
) -> None:
    """Add a source; registering the same key again replaces it (``ready()`` may run twice)."""
    if not _KEY.match(key):
        raise ValueError(f"A source's key is '<app>.<figure>' in lower case, not {key!r}.")
    if unit not in UNITS:
        raise ValueError(f"A source's unit is one of {UNITS}, not {unit!r}.")
    _sources[key] = Source(
        key=key, label=label, unit=unit, compute=compute, per_community=per_community
    )


def unregister(key: str) -> None:
    """Remove a source (tests that register their own)."""
    _sources.pop(key, None)


def registered() -> list[Source]:
    """Every registered source, in the order of their keys."""
    return [_sources[key] for key in sorted(_sources)]


def get(key: str) -> Source | None:
    """The source registered as ``key``, or None when its app has not registered it."""
    return _sources.get(key)
