"""The private record after a consultation: record, introductions, follow-ups due, and the
ties that the collaboration network reads (introductions_between)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.concierge import messages, selectors, services
from kyoso.concierge.models import Introduction
from kyoso.concierge.services import ConciergeError
from kyoso.concierge.tests.factories import IntroductionFactory
from kyoso.orgs.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_concierge_writes_the_record_and_sees_the_follow_up_due(client, concierge, held):
    held.follow_up_on = None
    held.save()
    client.force_login(concierge)
    today = timezone.localdate()
    response = client.post(
        reverse("concierge:record", args=[held.pk]),
        {
            "asked": "販路の相談",
            "advised": "直売所へ",
            "follow_up_on": today.isoformat(),
            "follow_up_note": "その後いかがですか",
        },
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.asked, held.follow_up_on) == ("販路の相談", today)
    desk = client.get(reverse("concierge:desk")).content.decode()
    assert "期日が来たフォローアップ" in desk and "農家の販路" in desk
    assert list(selectors.follow_ups_due(concierge)) == [held]
    client.post(reverse("concierge:followed_up", args=[held.pk]))
    assert list(selectors.follow_ups_due(concierge)) == []


def test_follow_up_not_due_yet_is_not_listed(concierge, held):
    held.follow_up_on = timezone.localdate() + timedelta(days=3)
    held.save()
    assert list(selectors.follow_ups_due(concierge)) == []


def test_a_follow_up_note_needs_its_date(client, concierge, held):
    client.force_login(concierge)
    response = client.post(
        reverse("concierge:record", args=[held.pk]),
        {"asked": "相談", "advised": "", "follow_up_on": "", "follow_up_note": "連絡します"},
    )
    assert response.status_code == 400
    assert str(messages.FOLLOW_UP_NOTE_NEEDS_DATE) in response.content.decode()
    assert "連絡します" in response.content.decode()


def test_introductions_to_a_person_and_an_organization(client, concierge, held, suzuki):
    farmer = UserFactory(email="farmer@example.jp", display_name="農家の伊藤")
    org = OrganizationFactory(slug="michinoeki", name="道の駅あつみ")
    client.force_login(concierge)
    url = reverse("concierge:introduction_add", args=[held.pk])
    on = timezone.localdate().isoformat()
    assert client.post(url, {"to_email": farmer.email, "introduced_on": on}).status_code == 302
    assert (
        client.post(url, {"to_organization": "michinoeki", "introduced_on": on}).status_code == 302
    )
    ties = selectors.introductions_between(timezone.localdate(), timezone.localdate())
    assert ties == [
        ("person", suzuki.pk, "person", farmer.pk, timezone.localdate()),
        ("person", suzuki.pk, "organization", org.pk, timezone.localdate()),
    ]
    page = client.get(reverse("concierge:consultation", args=[held.pk])).content.decode()
    assert "農家の伊藤" in page and "道の駅あつみ" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, messages.INTRODUCTION_NEEDS_ONE_TARGET),
        ({"to_email": "nobody@example.jp"}, messages.NOT_A_PERSON),
        ({"to_email": "suzuki@example.jp"}, messages.INTRODUCTION_SELF),
        ({"to_organization": "no-such-org"}, messages.INTRODUCTION_UNKNOWN_ORG),
    ],
)
def test_bad_introductions_are_refused(client, concierge, held, data, message):
    client.force_login(concierge)
    response = client.post(
        reverse("concierge:introduction_add", args=[held.pk]),
        {"introduced_on": timezone.localdate().isoformat(), **data},
    )
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert not Introduction.objects.exists()


def test_introductions_between_keeps_to_the_dates(held):
    IntroductionFactory(consultation=held, introduced_on=date(2025, 3, 31))
    inside = IntroductionFactory(consultation=held, introduced_on=date(2025, 4, 1))
    IntroductionFactory(consultation=held, introduced_on=date(2026, 4, 1))
    ties = selectors.introductions_between(date(2025, 4, 1), date(2026, 3, 31))
    assert ties == [("person", held.person_id, "person", inside.to_person_id, date(2025, 4, 1))]


def test_introduction_needs_a_held_consultation(booking, concierge, takahashi):
    with pytest.raises(ConciergeError) as refused:
        services.introduction_add(
            actor=concierge,
            consultation=booking,
            from_person=booking.person,
            to_email=takahashi.email,
            to_organization=None,
            introduced_on=timezone.localdate(),
        )
    assert refused.value.message == messages.RECORD_NEEDS_HELD


def test_the_person_sees_their_bookings_and_follow_ups_only(client, suzuki, held, booking):
    client.force_login(suzuki)
    page = client.get(reverse("concierge:mine")).content.decode()
    assert "道の駅の担当者と会えましたか" in page
    assert "空き家を活用したい" in page and "農家の販路" in page
    assert "直売所の始め方" not in page


def test_staff_mark_and_unmark_concierges(client, hub_staff, hub, takahashi):
    client.force_login(hub_staff)
    url = reverse("concierge:concierge_add", args=[hub.slug])
    assert client.post(url, {"email": takahashi.email}).status_code == 302
    response = client.post(url, {"email": takahashi.email})
    assert str(messages.ALREADY_CONCIERGE) in response.content.decode()
    response = client.post(url, {"email": "nobody@example.jp"})
    assert str(messages.NOT_A_PERSON) in response.content.decode()
    from kyoso.concierge.models import Concierge

    concierge = Concierge.objects.get(user=takahashi)
    client.post(reverse("concierge:concierge_remove", args=[hub.slug, concierge.pk]))
    assert not Concierge.objects.filter(user=takahashi).exists()
