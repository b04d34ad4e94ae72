"""Registering and cancelling through the pages, and the organizer's registrant list, CSV,
capacity and registration switch."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages
from kyoso.events.models import Event, EventMode, Registration
from kyoso.events.tests.factories import EventFactory, QuestionFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {}, follow=True)


def text(response) -> str:
    return response.content.decode()


def test_register_confirmed_then_waitlisted(client, suzuki, takahashi):
    event = EventFactory(capacity_venue=1)
    client.force_login(suzuki)
    first = post(client, reverse("events:register", args=[event.pk]))
    assert str(messages.REGISTERED_CONFIRMED) in text(first)
    assert "参加が確定しています。" in text(first)
    client.force_login(takahashi)
    second = post(client, reverse("events:register", args=[event.pk]))
    assert str(messages.REGISTERED_WAITLISTED % {"position": 1}) in text(second)
    assert "キャンセル待ち 1 番目です。" in text(second)


def test_registering_twice_says_so(client, suzuki):
    event = EventFactory()
    client.force_login(suzuki)
    post(client, reverse("events:register", args=[event.pk]))
    again = post(client, reverse("events:register", args=[event.pk]))
    assert str(messages.ALREADY_REGISTERED % {"status": "参加確定"}) in text(again)
    assert Registration.objects.filter(event=event).count() == 1


def test_a_required_answer_missing_keeps_what_was_typed(client, suzuki):
    event = EventFactory(
        mode=EventMode.HYBRID, capacity_online=5, online_url="https://x.example.jp"
    )
    required = QuestionFactory(event=event, text="所属", required=True)
    optional = QuestionFactory(event=event, text="ひとこと", position=1)
    client.force_login(suzuki)
    response = client.post(
        reverse("events:register", args=[event.pk]),
        {"attendance": "online", f"answer_{optional.pk}": "楽しみです"},
    )
    assert response.status_code == 400
    assert str(messages.ANSWER_REQUIRED % {"question": "所属"}) in text(response)
    assert "楽しみです" in text(response)
    assert not Registration.objects.exists()
    done = post(
        client,
        reverse("events:register", args=[event.pk]),
        {"attendance": "online", f"answer_{required.pk}": "市役所"},
    )
    assert done.status_code == 200
    registration = Registration.objects.get()
    assert registration.attendance == "online"
    assert list(registration.answers.values_list("text", flat=True)) == ["市役所"]


def test_a_hybrid_event_asks_for_the_attendance(client, suzuki):
    event = EventFactory(
        mode=EventMode.HYBRID, capacity_online=5, online_url="https://x.example.jp"
    )
    client.force_login(suzuki)
    response = client.post(reverse("events:register", args=[event.pk]), {})
    assert response.status_code == 400
    assert str(messages.ATTENDANCE_REQUIRED) in text(response)


def test_registering_after_the_close_says_so(client, suzuki):
    event = EventFactory(registration_closes_at=timezone.now() - timezone.timedelta(hours=1))
    client.force_login(suzuki)
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 400
    assert str(messages.REG_AFTER_CLOSE) in text(response)
    assert not Registration.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    event = EventFactory()
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_unverified_people_are_told_to_confirm_first(client):
    event = EventFactory()
    client.force_login(UserFactory(email_verified_at=None))
    response = post(client, reverse("events:register", args=[event.pk]))
    assert str(messages.VERIFY_EMAIL_FIRST) in text(response)
    assert not Registration.objects.exists()


def test_cancel_own_registration_promotes_the_next(client, suzuki, takahashi):
    event = EventFactory(capacity_venue=1)
    mine = RegistrationFactory(event=event, user=suzuki)
    Event.objects.filter(pk=event.pk).update(confirmed_venue=1)
    waiting = RegistrationFactory(
        event=event, user=takahashi, status="waitlisted", waitlisted_at=timezone.now()
    )
    client.force_login(suzuki)
    response = post(client, reverse("events:cancel_registration", args=[event.pk, mine.pk]))
    assert str(messages.REGISTRATION_CANCELLED_DONE) in text(response)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_cancelling_someone_elses_registration_is_refused_with_a_message(client, suzuki, takahashi):
    event = EventFactory()
    theirs = RegistrationFactory(event=event, user=suzuki)
    client.force_login(takahashi)
    response = client.post(reverse("events:cancel_registration", args=[event.pk, theirs.pk]))
    assert response.status_code == 403
    assert str(messages.NOT_YOUR_REGISTRATION) in text(response)
    assert Registration.objects.get(pk=theirs.pk).status == "confirmed"


def test_a_registration_of_another_event_is_not_found(client, suzuki):
    event, other = EventFactory(), EventFactory()
    mine = RegistrationFactory(event=other, user=suzuki)
    client.force_login(suzuki)
    response = client.post(reverse("events:cancel_registration", args=[event.pk, mine.pk]))
    assert response.status_code == 404


def test_registrant_list_shows_the_waitlist_in_order_with_answers(client, suzuki):
    event = EventFactory(created_by=suzuki, capacity_venue=1)
    question = QuestionFactory(event=event, text="所属")
    confirmed = RegistrationFactory(event=event, user=UserFactory(display_name="一番さん"))
    confirmed.answers.create(question=question, text="酒田市役所")
    now = timezone.now()
    late = RegistrationFactory(
        event=event,
        user=UserFactory(display_name="三番さん"),
        status="waitlisted",
        waitlisted_at=now,
    )
    early = RegistrationFactory(
        event=event,
        user=UserFactory(display_name="二番さん"),
        status="waitlisted",
        waitlisted_at=now - timezone.timedelta(minutes=5),
    )
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 the event, 5 guests, 6 questions, 7 related issues,
    # 8 the viewer's registration, 9 registrations with users, 10 their answers
    # (the questions heading the columns are those prefetched in 6)
    with assert_num_queries(10):
        response = client.get(reverse("events:registrants", args=[event.pk]))
    page = text(response)
    assert "酒田市役所" in page
    assert page.index("一番さん") < page.index("二番さん") < page.index("三番さん")
    assert early.pk > late.pk  # created later, but waiting longer: time decides, not id


def test_csv_has_a_bom_and_every_registration(client, suzuki):
    event = EventFactory(created_by=suzuki)
    question = QuestionFactory(event=event, text="所属")
    registration = RegistrationFactory(event=event, user=UserFactory(display_name="鈴木花子"))
    registration.answers.create(question=question, text="東北大学")
    client.force_login(suzuki)
    response = client.get(reverse("events:registrants_csv", args=[event.pk]))
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][-1] == "所属"
    assert rows[1][0] == "参加確定" and rows[1][3] == "鈴木花子" and rows[1][-1] == "東北大学"


def test_csv_keeps_an_answer_that_looks_like_a_formula_as_text(client, suzuki):
    event = EventFactory(created_by=suzuki)
    question = QuestionFactory(event=event, text="所属")
    registration = RegistrationFactory(event=event, user=UserFactory(display_name="鈴木花子"))
    registration.answers.create(question=question, text='=HYPERLINK("http://x.example")')
    client.force_login(suzuki)
    body = client.get(reverse("events:registrants_csv", args=[event.pk])).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][-1] == """'=HYPERLINK("http://x.example")"""


def test_capacity_form_promotes_or_refuses(client, suzuki):
    event = EventFactory(created_by=suzuki, capacity_venue=1, confirmed_venue=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted", waitlisted_at=timezone.now())
    client.force_login(suzuki)
    refused = client.post(reverse("events:capacity", args=[event.pk]), {"capacity_venue": "0"})
    assert refused.status_code == 400
    assert "すでに1人の参加が確定しています" in text(refused)
    done = post(client, reverse("events:capacity", args=[event.pk]), {"capacity_venue": "2"})
    assert str(messages.CAPACITY_SAVED_PROMOTED % {"count": 1}) in text(done)
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_close_and_reopen_registration(client, suzuki):
    event = EventFactory(created_by=suzuki)
    client.force_login(suzuki)
    closed = post(client, reverse("events:registration_switch", args=[event.pk]), {"closed": "1"})
    assert str(messages.REGISTRATION_CLOSED_DONE) in text(closed)
    assert Event.objects.get(pk=event.pk).registration_closed
    post(client, reverse("events:registration_switch", args=[event.pk]), {"closed": "0"})
    assert not Event.objects.get(pk=event.pk).registration_closed


def test_an_organizer_may_remove_a_registrant(client, suzuki, takahashi):
    event = EventFactory(created_by=suzuki)
    theirs = RegistrationFactory(event=event, user=takahashi)
    Event.objects.filter(pk=event.pk).update(confirmed_venue=1)
    client.force_login(suzuki)
    response = post(client, reverse("events:cancel_registration", args=[event.pk, theirs.pk]))
    assert str(messages.REGISTRATION_CANCELLED_BY_ORGANIZER) in text(response)
    assert Registration.objects.get(pk=theirs.pk).status == "cancelled"
    assert Event.objects.get(pk=event.pk).confirmed_venue == 0
