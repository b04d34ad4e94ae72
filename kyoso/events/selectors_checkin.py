"""Reads of the check-in desk and the ticket."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from kyoso.events.models import Event, Registration, RegistrationStatus


def event_for_attendance(pk: int) -> Event:
    """The event of a check-in, ticket or calendar action (404 if missing)."""
    return get_object_or_404(Event, pk=pk)


@dataclass(frozen=True)
class CheckinOverview:
    #: Checked-in registrations and named walk-ins, latest first, with their users.
    checked_in: list[Registration]
    #: Confirmed registrations of people with accounts (the seats promised ahead).
    confirmed: int
    #: Of those, how many have been checked in.
    confirmed_checked_in: int
    walk_ins: int
    counted: int

    @property
    def attendance(self) -> int:
        """Everyone who came: checked-in registrants, named walk-ins and counted walk-ins."""
        return self.confirmed_checked_in + self.walk_ins + self.counted


def checkin_overview(event: Event) -> CheckinOverview:
    # One aggregate over the confirmed registrations, one list of those checked in.
    confirmed = Q(status=RegistrationStatus.CONFIRMED)
    counts = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("id", filter=confirmed & Q(user__isnull=False)),
        confirmed_checked_in=Count(
            "id", filter=confirmed & Q(user__isnull=False, checked_in_at__isnull=False)
        ),
        walk_ins=Count("id", filter=confirmed & Q(user__isnull=True, checked_in_at__isnull=False)),
    )
    checked_in = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .filter(checked_in_at__isnull=False)
        .select_related("user")
        .order_by("-checked_in_at", "-id")
    )
    return CheckinOverview(
        checked_in=checked_in,
        confirmed=counts["confirmed"],
        confirmed_checked_in=counts["confirmed_checked_in"],
        walk_ins=counts["walk_ins"],
        counted=event.counted_attendance,
    )


def registration_for_code(event: Event, code: str) -> Registration | None:
    return Registration.objects.select_related("user").filter(event=event, code=code).first()


def live_registration_of(event: Event, user: Any) -> Registration:
    """The viewer's live registration (the ticket rule has checked there is one)."""
    return get_object_or_404(
        Registration.objects.filter(
            event=event,
            user=user,
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
        )
    )
