"""Small builders for the check-in, calendar, import and figures tests (rows written directly,
no services, counters as the test sets them)."""

from __future__ import annotations

from datetime import datetime, timedelta

import factory

from kyoso.core.wareki import TOKYO
from kyoso.events.models import Event, EventKind, EventMode, Registration, RegistrationStatus


def tokyo(*args: int) -> datetime:
    return datetime(*args, tzinfo=TOKYO)  # type: ignore[misc]


class EventBuilder(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"定例会{n}")
    kind = EventKind.REGULAR
    mode = EventMode.VENUE
    venue_name = "市民活動サポートセンター"
    created_by = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    starts_at = factory.LazyFunction(lambda: tokyo(2021, 6, 4, 19, 0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=1))


class RegistrationBuilder(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventBuilder)
    user = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    status = RegistrationStatus.CONFIRMED
