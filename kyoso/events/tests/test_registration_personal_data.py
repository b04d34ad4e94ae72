"""個人情報保護法: the data download holds a person's event registrations with their answers
and check-in time; leaving Kyoso removes the answers, gives up seats at events still to come
(the first person waiting is promoted) and keeps past registrations, anonymous, for the
attendance figures."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.events.models import Answer, Registration, RegistrationStatus
from kyoso.events.services import registration as services
from kyoso.events.tests.factories import EventFactory, QuestionFactory, in_days

DELETE = {"password": DEFAULT_PASSWORD, "confirm": "退会する"}


def _export(client) -> list[dict]:
    response = client.post(reverse("accounts:data"))
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))[
        "event_registrations"
    ]


def _past(registration, *, checked_in: bool) -> None:
    """Move the event into the past (and check the person in) without the services."""
    start = timezone.now() - timedelta(days=30)
    registration.event.__class__.objects.filter(pk=registration.event_id).update(
        starts_at=start, ends_at=start + timedelta(hours=2)
    )
    if checked_in:
        Registration.objects.filter(pk=registration.pk).update(checked_in_at=start)


def test_the_download_holds_the_persons_registrations_answers_and_check_in(client, suzuki):
    other = UserFactory()
    event = EventFactory(title="若年女性支援の勉強会")
    question = QuestionFactory(event=event, text="関心のあること", required=True)
    mine = services.registration_create(
        actor=suzuki, event=event, answers={question.pk: "居場所づくり"}
    )
    services.registration_create(actor=other, event=event, answers={question.pk: "他人の回答"})
    _past(mine, checked_in=True)
    elsewhere = EventFactory(title="鈴木の申し込んでいない会")
    services.registration_create(actor=other, event=elsewhere)
    client.force_login(suzuki)

    data = _export(client)

    assert len(data) == 1
    row = data[0]
    assert (row["event"], row["event_title"]) == (event.pk, "若年女性支援の勉強会")
    assert (row["status"], row["attendance"]) == ("confirmed", "venue")
    assert row["checked_in_at"] is not None
    assert row["answers"] == [{"question": "関心のあること", "answer": "居場所づくり"}]
    text = json.dumps(data, ensure_ascii=False)
    assert "他人の回答" not in text
    assert "鈴木の申し込んでいない会" not in text


def test_leaving_removes_answers_frees_upcoming_seats_and_keeps_past_attendance(
    client, suzuki, django_capture_on_commit_callbacks
):
    past_event = EventFactory(title="終わった会")
    past_question = QuestionFactory(event=past_event, text="所属")
    attended = services.registration_create(
        actor=suzuki, event=past_event, answers={past_question.pk: "NPO法人 杜の架け橋"}
    )
    _past(attended, checked_in=True)
    upcoming = EventFactory(capacity_venue=1, starts_at=in_days(3))
    services.registration_create(actor=suzuki, event=upcoming)
    waiting_person = UserFactory()
    waiting = services.registration_create(actor=waiting_person, event=upcoming)
    assert waiting.status == RegistrationStatus.WAITLISTED
    client.force_login(suzuki)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), DELETE)

    assert response.status_code == 302
    assert not Answer.objects.filter(registration__user=suzuki).exists()
    kept = Registration.objects.get(pk=attended.pk)
    assert (kept.status, kept.checked_in_at is not None) == ("confirmed", True)
    assert kept.user.deleted_at is not None and kept.user.public_name == "退会したユーザー"
    mine_upcoming = Registration.objects.get(event=upcoming, user=suzuki)
    assert mine_upcoming.status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting_person.email]]
