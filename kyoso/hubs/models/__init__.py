"""Models of the hubs app: hubs and spaces (``hubs``), opening hours, closures and bookings
(``bookings``)."""

from kyoso.hubs.models.bookings import (
    HOLDING_STATUSES,
    Booking,
    BookingKind,
    BookingSeries,
    BookingStatus,
    BookingTransition,
    Closure,
    DeskDay,
    OpeningHours,
)
from kyoso.hubs.models.hubs import (
    DAY_MINUTES,
    NAME_MAX,
    PRICE_MAX,
    TEXT_MAX,
    Hub,
    HubPhoto,
    PriceUnit,
    Space,
    SpaceKind,
    WhoMayBook,
)

__all__ = [
    "DAY_MINUTES",
    "HOLDING_STATUSES",
    "NAME_MAX",
    "PRICE_MAX",
    "TEXT_MAX",
    "Booking",
    "BookingKind",
    "BookingSeries",
    "BookingStatus",
    "BookingTransition",
    "Closure",
    "DeskDay",
    "Hub",
    "HubPhoto",
    "OpeningHours",
    "PriceUnit",
    "Space",
    "SpaceKind",
    "WhoMayBook",
]
