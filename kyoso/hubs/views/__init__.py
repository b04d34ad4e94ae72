"""Pages of the hubs app: public and personal (``public``), hub staff (``staff``)."""

from kyoso.hubs.views.public import (
    booking_cancel,
    hub_detail,
    hub_list,
    my_bookings,
    space_book,
    space_detail,
    space_feed,
    space_series,
)
from kyoso.hubs.views.staff import (
    approval_decide,
    approvals,
    board,
    checkin,
    checkin_confirm,
    desk_action,
    hub_closures,
    hub_edit,
    hub_hours,
    hub_new,
    space_edit,
)

__all__ = [
    "approval_decide",
    "approvals",
    "board",
    "booking_cancel",
    "checkin",
    "checkin_confirm",
    "desk_action",
    "hub_closures",
    "hub_detail",
    "hub_edit",
    "hub_hours",
    "hub_list",
    "hub_new",
    "my_bookings",
    "space_book",
    "space_detail",
    "space_edit",
    "space_feed",
    "space_series",
]
