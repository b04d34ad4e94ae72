"""The demo step: a concierge at each demo hub with a month of consultations; nothing when the
hubs are absent; a second run changes nothing."""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge import selectors
from kyoso.concierge.models import Concierge, Consultation, Introduction
from kyoso.demo.concierge import HUBS, load_concierge
from kyoso.hubs.tests.factories import HubFactory
from kyoso.orgs.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _run():
    keys = {k for e in HUBS for c in e["consultations"] for k in (c[2],)}
    keys |= {e["concierge"] for e in HUBS}
    keys |= {c[5].split(":")[1] for e in HUBS for c in e["consultations"] if c[5]}
    orgs = {k: OrganizationFactory(slug=k) for k in keys if "-" in k or k in {"manaco", "switch"}}
    users = {k: UserFactory(email=f"{k}@demo.example.jp") for k in keys if k not in orgs}
    return SimpleNamespace(
        now=timezone.now(), users=users, organizations=orgs, created=Counter(), totals=Counter()
    )


def test_nothing_without_the_demo_hubs():
    load_concierge(_run())
    assert not Concierge.objects.exists() and not Consultation.objects.exists()


def test_a_month_of_consultations_at_each_hub_once():
    run = _run()
    sendai = HubFactory(slug="sendai-miyagi-social-hub")
    sanroku = HubFactory(slug="sanroku")
    load_concierge(run)
    load_concierge(run)
    assert Concierge.objects.filter(hub=sendai, user=run.users["watanabe"]).exists()
    assert Concierge.objects.filter(hub=sanroku, user=run.users["yamada"]).exists()
    assert Consultation.objects.filter(hub=sendai).count() == 6
    assert Consultation.objects.filter(hub=sanroku).count() == 5
    assert Introduction.objects.count() == 10
    assert selectors.follow_ups_due(run.users["yamada"]).exists()
    assert selectors.open_slots(sanroku).count() == 3


def test_the_real_demo_gives_each_demo_hub_its_concierge_and_consultations():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    by_hub = {c.hub.slug: c.user.email for c in Concierge.objects.select_related("hub", "user")}
    assert by_hub == {
        "sendai-social-hub": "watanabe@demo.kyoso.invalid",
        "sanroku": "yamada@demo.kyoso.invalid",
    }
    assert Consultation.objects.count() == 11
    assert Introduction.objects.count() == 10
