"""Factories for hubs. They write rows directly (no services), so a test sets up any state."""

from __future__ import annotations

import factory

from kyoso.hubs.models import Hub, Space, SpaceKind
from kyoso.orgs.tests.factories import OrganizationFactory


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"ソーシャルハブ{n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    address = "宮城県仙台市青葉区一番町1-1"
    closed_on_holidays = True
    closed_year_end = True


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"会議室{n}")
    slug = factory.Sequence(lambda n: f"room-{n}")
    kind = SpaceKind.ROOM
    capacity = 8
    price_yen = 1_000
    min_minutes = 30
    max_minutes = 240


class DeskPoolFactory(SpaceFactory):
    name = "コワーキング"
    slug = factory.Sequence(lambda n: f"desks-{n}")
    kind = SpaceKind.DESKS
    capacity = 3
    price_unit = "day"
    price_yen = 500
