"""Factories for the events-and-registration tests. Rows are written directly (no services):
seat counters are whatever the test sets; use the services when a test is about seats."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from kyoso.events.models import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    Guest,
    Question,
    Registration,
    RegistrationStatus,
)


def in_days(days: float, **kwargs: float) -> timezone.datetime:
    return timezone.now() + timedelta(days=days, **kwargs)


def service_data(**overrides):
    """What ``services.event_create`` / ``event_update`` take for a published study session ten
    days ahead at a venue, with ``overrides`` (a test that goes through the services)."""
    starts = in_days(10)
    return {
        "title": "空き家を活かす勉強会",
        "kind": "study",
        "description": "空き家バンクの仕組みを学びます。",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "mode": "venue",
        "venue_name": "酒田市公益研修センター",
        **overrides,
    }


class EventFactory(factory.django.DjangoModelFactory):
    """A published study session a week from now, at a venue with 30 seats."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"テーマ勉強会{n}")
    kind = EventKind.STUDY
    status = EventStatus.PUBLISHED
    mode = EventMode.VENUE
    venue_name = "仙台市市民活動サポートセンター"
    description = "若年女性への支援について、ゲストと話し合います。"
    created_by = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    starts_at = factory.LazyFunction(lambda: in_days(7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity_venue = 30


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    event = factory.SubFactory(EventFactory)
    name = "山田 太郎"
    affiliation = "NPO法人 杜の架け橋"
    title = "代表理事"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    event = factory.SubFactory(EventFactory)
    text = "関心のあるテーマを教えてください"
    required = False


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory("kyoso.accounts.tests.factories.UserFactory")
    status = RegistrationStatus.CONFIRMED
