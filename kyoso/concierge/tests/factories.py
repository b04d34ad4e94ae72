"""Factories for the concierge app. They write rows directly (no services)."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge.models import Consultation, Introduction, Slot
from kyoso.hubs.tests.factories import HubFactory


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    hub = factory.SubFactory(HubFactory)
    concierge = factory.SubFactory(UserFactory)
    starts_at = factory.Sequence(lambda n: timezone.now() + timedelta(days=1, hours=n))
    minutes = 30


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    hub = factory.SubFactory(HubFactory)
    concierge = factory.SubFactory(UserFactory)
    person = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=1))
    minutes = 30
    topic = "相談"


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    consultation = factory.SubFactory(ConsultationFactory)
    from_person = factory.LazyAttribute(lambda o: o.consultation.person)
    to_person = factory.SubFactory(UserFactory)
    introduced_on = factory.LazyFunction(timezone.localdate)
