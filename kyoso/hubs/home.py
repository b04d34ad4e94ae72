"""The hubs app's blocks on the dashboard (kyoso.core.home): my next bookings, and for hub
staff the requests waiting for approval."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

MY_BOOKINGS = 5


def my_next_bookings(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The viewer's coming bookings, soonest first (1 query)."""
    from kyoso.hubs.models import HOLDING_STATUSES, Booking

    rows = list(
        Booking.objects.filter(
            user_id=viewer.pk, status__in=HOLDING_STATUSES, ends_at__gt=timezone.now()
        )
        .select_related("space__hub")
        .order_by("starts_at", "id")[:MY_BOOKINGS]
    )
    return {"bookings": rows, "more_url": reverse("hubs:my_bookings")}


def register() -> None:
    home.register_dashboard(
        "hubs.mine",
        title=_("わたしの拠点予約"),
        order=45,
        template="hubs/blocks/mine.html",
        data=my_next_bookings,
    )
