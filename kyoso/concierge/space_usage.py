"""Space usage figures of a hub (hours booked per space, occupancy, day passes, unique users),
read through the hubs app — the bookings are the hubs app's, never read here directly.

The hubs app exposes ``kyoso.hubs.selectors.booking_figures(hub, fiscal_year)`` returning an
object with ``spaces`` (rows with ``name``, ``hours`` and ``occupancy`` — a share 0..1 or
None), ``day_passes`` and ``unique_users`` (five queries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SpaceRow:
    name: str
    hours: float
    occupancy: float | None

    @property
    def occupancy_percent(self) -> str:
        return "—" if self.occupancy is None else f"{self.occupancy * 100:.1f}%"


@dataclass(frozen=True)
class SpaceUsage:
    spaces: list[SpaceRow] = field(default_factory=list)
    day_passes: int = 0
    unique_users: int = 0


def space_usage_figures(hub: Any, fiscal_year: int) -> SpaceUsage:
    """The hub's booking figures for the fiscal year, from the hubs app."""
    from kyoso.hubs.selectors import booking_figures

    found = booking_figures(hub, fiscal_year)
    return SpaceUsage(
        spaces=[
            SpaceRow(
                name=str(row.name),
                hours=float(row.hours),
                occupancy=None if row.occupancy is None else float(row.occupancy),
            )
            for row in found.spaces
        ],
        day_passes=int(found.day_passes),
        unique_users=int(found.unique_users),
    )
