"""The person's consultations in their data download; erased with their account except the
anonymous counts the figures read."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

import pytest
from django.utils import timezone

from kyoso.accounts.services.privacy import user_delete, user_export_data
from kyoso.concierge import selectors
from kyoso.concierge.models import Concierge, Consultation
from kyoso.concierge.tests.factories import IntroductionFactory, SlotFactory
from kyoso.core.fiscal import fiscal_year

pytestmark = pytest.mark.django_db


def test_the_data_download_holds_the_persons_consultations(suzuki, held, booking):
    IntroductionFactory(consultation=held)
    archive = zipfile.ZipFile(BytesIO(user_export_data(actor=suzuki, user=suzuki)))
    data = json.loads(archive.read("data.json"))["concierge"]
    topics = sorted(c["topic"] for c in data["consultations"])
    assert topics == sorted(["農家の販路", "空き家を活用したい"])
    followed = next(c for c in data["consultations"] if c["follow_up_note"])
    assert followed["follow_up_note"] == "道の駅の担当者と会えましたか"
    assert len(data["introductions"]) == 1
    # What the concierge wrote about the person is the hub's working record, not theirs.
    assert "asked" not in followed


def test_erasure_keeps_the_anonymous_counts(suzuki, held, hub):
    IntroductionFactory(consultation=held)
    fy = fiscal_year(held.starts_at)
    before = selectors.hub_figures(hub, fy)
    user_delete(actor=suzuki, user=suzuki)
    held.refresh_from_db()
    assert (held.topic, held.asked, held.advised, held.follow_up_note) == ("", "", "", "")
    after = selectors.hub_figures(hub, fy)
    assert (after.consultations, after.introductions, after.unique_people, after.by_theme) == (
        before.consultations,
        before.introductions,
        before.unique_people,
        before.by_theme,
    )


def test_a_leaving_concierge_is_unmarked_and_their_free_slots_go(concierge, hub, booking):
    free = SlotFactory(hub=hub, concierge=concierge, starts_at=timezone.now().replace(year=2099))
    user_delete(actor=concierge, user=concierge)
    assert not Concierge.objects.filter(user=concierge).exists()
    assert not type(free).objects.filter(pk=free.pk).exists()
    # The booked slot and its consultation stay.
    assert Consultation.objects.filter(pk=booking.pk, slot=booking.slot).exists()
