"""The demo's hubs: the Sendai social hub and SANROKU, with spaces and a month of bookings
around the load date that keep the booking invariants."""

from io import StringIO
from itertools import pairwise

from django.core.management import call_command
from django.db.models import Count

from kyoso.hubs.models import HOLDING_STATUSES, Booking, DeskDay, Hub
from kyoso.hubs.selectors_bookings import availability


def test_the_two_hubs_have_spaces_and_a_month_of_bookings(db):
    call_command("load_demo", stdout=StringIO())
    hubs = {h.slug: h for h in Hub.objects.prefetch_related("spaces")}
    assert set(hubs) == {"sendai-social-hub", "sanroku"}
    assert hubs["sanroku"].organization.slug == "sakata-sanroku"
    bookings = Booking.objects.all()
    days = {b.day for b in bookings}
    assert (max(days) - min(days)).days >= 20
    assert (
        bookings.filter(status="checked_in").exists()
        and bookings.filter(status="confirmed").exists()
    )
    # No two holding slots of one space overlap.
    for space_id in bookings.values_list("space_id", flat=True).distinct():
        slots = sorted(
            bookings.filter(
                space_id=space_id, kind="slot", status__in=HOLDING_STATUSES
            ).values_list("starts_at", "blocked_until")
        )
        assert all(a[1] <= b[0] for a, b in pairwise(slots))
    # Each desk counter equals its day passes.
    passes = {
        (r["space_id"], r["day"]): r["n"]
        for r in bookings.filter(kind="day_pass", status__in=HOLDING_STATUSES)
        .values("space_id", "day")
        .annotate(n=Count("id"))
    }
    for counter in DeskDay.objects.all():
        assert counter.taken == passes.get((counter.space_id, counter.day), 0)
    room = hubs["sendai-social-hub"].spaces.get(slug="room-a")
    assert availability(room, min(days), max(days))
