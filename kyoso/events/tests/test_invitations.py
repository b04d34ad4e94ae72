"""Events of a project and invitations (issue 17: supporters and followers of a project are
invited to its events).

Personas: 斎藤 (``lead``) leads the project 空き家で子ども食堂 (``project``); 鈴木 (``suzuki``)
and 伊藤 (``ito``) follow it; 高橋 (``takahashi``) leads nothing; 佐藤 (``sato``) is the
secretariat.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages
from kyoso.events.models import Event, EventStatus, Invitation, InvitationReason
from kyoso.events.selectors import upcoming_project_events
from kyoso.events.services import events as services
from kyoso.events.services.invitations import (
    BY_ORGANIZER,
    invite_project_followers,
    invite_to_event,
)
from kyoso.events.services.registration import registration_create
from kyoso.events.tests.builders import tokyo
from kyoso.events.tests.factories import EventFactory, service_data
from kyoso.notifications.models import Notification, NotificationSetting
from kyoso.projects.services.follows import follow_set
from kyoso.projects.tests.factories import project_led_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return UserFactory(email="saito@example.jp", display_name="斎藤")


@pytest.fixture
def ito(db):
    return UserFactory(email="ito@example.jp", display_name="伊藤")


@pytest.fixture
def project(lead, suzuki, ito):
    project = project_led_by(lead, title="空き家で子ども食堂")
    follow_set(actor=suzuki, project=project, on=True)
    follow_set(actor=ito, project=project, on=True)
    return project


def _data(**extra):
    return service_data(**{"title": "子ども食堂の見学会", **extra})


def _invited(event) -> set[int]:
    return set(Invitation.objects.filter(event=event).values_list("user_id", flat=True))


def _told(person) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, kind="events.invited"))


# --- Holding an event for a project: who may ---------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("lead", True), ("sato", True), ("takahashi", False), ("suzuki", False)],
)
def test_only_who_may_act_for_the_project_holds_an_event_for_it(request, project, who, allowed):
    actor = request.getfixturevalue(who)
    if not allowed:
        with pytest.raises(services.EventError) as refused:
            services.event_create(actor=actor, data=_data(project=project))
        assert refused.value.message == messages.PROJECT_NOT_ALLOWED
        assert not Event.objects.filter(project=project).exists()
        return
    event = services.event_create(actor=actor, data=_data(project=project))
    assert event.project_id == project.pk


def test_an_organizer_who_leads_nothing_may_not_link_a_project_by_editing(project, takahashi):
    event = services.event_create(actor=takahashi, data=_data())
    with pytest.raises(services.EventError) as refused:
        services.event_update(actor=takahashi, event=event, data=_data(project=project))
    assert refused.value.message == messages.PROJECT_NOT_ALLOWED
    event.refresh_from_db()
    assert event.project_id is None


def test_the_form_offers_the_projects_one_leads_and_refuses_another(client, lead, project):
    other = project_led_by(UserFactory(), title="よその農園")
    client.force_login(lead)
    page = client.get(reverse("events:create")).content.decode()
    assert "空き家で子ども食堂" in page
    assert "よその農園" not in page
    form = {
        "title": "見学会",
        "kind": "study",
        "starts_at": "2027-01-09T10:00",
        "ends_at": "2027-01-09T12:00",
        "mode": "venue",
        "venue_name": "公民館",
        "project": str(other.pk),
        "guests-TOTAL_FORMS": "0",
        "guests-INITIAL_FORMS": "0",
        "questions-TOTAL_FORMS": "0",
        "questions-INITIAL_FORMS": "0",
    }
    refused = client.post(reverse("events:create"), form)
    assert refused.status_code == 400
    assert str(messages.PROJECT_NOT_ALLOWED) in refused.content.decode()
    form["project"] = str(project.pk)
    response = client.post(reverse("events:create"), form)
    assert response.status_code == 302
    assert Event.objects.get(title="見学会").project_id == project.pk


# --- Publishing invites the project's followers ------------------------------------------------


def test_publishing_invites_the_followers_once(lead, project, suzuki, ito):
    event = services.event_create(actor=lead, data=_data(project=project), publish=False)
    assert _invited(event) == set()  # a draft invites nobody

    services.event_publish(actor=lead, event=event)
    assert _invited(event) == {suzuki.pk, ito.pk}
    [told] = _told(suzuki)
    assert told.text == (
        "フォローしているプロジェクト「空き家で子ども食堂」の催し「子ども食堂の見学会」に"
        "招待されています。"
    )
    assert told.url == reverse("events:detail", args=[event.pk])
    assert Invitation.objects.get(event=event, user=suzuki).reason == "project_follower"

    # Publishing twice is refused, and calling the invitation again invites nobody new.
    with pytest.raises(services.EventError):
        services.event_publish(actor=lead, event=event)
    assert invite_project_followers(actor=lead, event=event) == []
    assert len(_told(suzuki)) == 1 and len(_told(ito)) == 1


def test_an_event_created_published_invites_at_once(lead, project, suzuki):
    event = services.event_create(actor=lead, data=_data(project=project))
    assert suzuki.pk in _invited(event)
    assert lead.pk not in _invited(event)  # the organizer is not invited to their own event


def test_linking_a_published_event_to_the_project_invites_once(lead, project, suzuki):
    event = services.event_create(actor=lead, data=_data())
    assert _invited(event) == set()
    services.event_update(actor=lead, event=event, data=_data(project=project))
    services.event_update(actor=lead, event=event, data=_data(project=project, title="改題"))
    assert suzuki.pk in _invited(event)
    assert len(_told(suzuki)) == 1


def test_the_follower_who_turned_invitations_off_is_not_notified(
    lead, project, suzuki, ito, django_capture_on_commit_callbacks
):
    NotificationSetting.objects.create(user=suzuki, group="events.invitations", delivery="off")
    NotificationSetting.objects.create(user=ito, group="events.invitations", delivery="site")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_create(actor=lead, data=_data(project=project))
    assert _told(suzuki) == []
    assert len(_told(ito)) == 1
    assert not any("子ども食堂の見学会" in m.subject + m.body for m in mail.outbox)


def test_immediate_delivery_mails_the_invitation(
    lead, project, suzuki, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_create(actor=lead, data=_data(project=project))
    mailed = [m for m in mail.outbox if suzuki.email in m.to]
    assert len(mailed) == 1
    assert "子ども食堂の見学会" in mailed[0].subject + mailed[0].body


def test_a_hidden_project_invites_nobody(lead, project, suzuki):
    project.hidden_at = timezone.now()
    project.save(update_fields=["hidden_at"])
    event = services.event_create(actor=lead, data=_data(project=project))
    assert _invited(event) == set()
    assert _told(suzuki) == []


# --- invite_to_event: states, people, rules --------------------------------------------------


@pytest.mark.parametrize(
    ("status", "days", "invited"),
    [
        (EventStatus.PUBLISHED, 7, True),
        (EventStatus.DRAFT, 7, False),
        (EventStatus.CANCELLED, 7, False),
        (EventStatus.PUBLISHED, -7, False),  # already over
    ],
)
def test_only_published_events_still_to_come_take_invitations(lead, suzuki, status, days, invited):
    starts = timezone.now() + timedelta(days=days)
    event = EventFactory(
        created_by=lead, status=status, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    ids = invite_to_event(actor=lead, event=event, people=[suzuki], reason=BY_ORGANIZER)
    assert (ids == [suzuki.pk]) is invited
    assert (suzuki.pk in _invited(event)) is invited
    assert bool(_told(suzuki)) is invited


@pytest.mark.parametrize(("who", "allowed"), [("lead", True), ("sato", True), ("takahashi", False)])
def test_only_organizers_invite(request, lead, ito, who, allowed):
    event = EventFactory(created_by=lead)
    actor = request.getfixturevalue(who)
    if allowed:
        assert invite_to_event(actor=actor, event=event, people=[ito], reason=BY_ORGANIZER) == [
            ito.pk
        ]
    else:
        with pytest.raises(PermissionDenied):
            invite_to_event(actor=actor, event=event, people=[ito], reason=BY_ORGANIZER)
        assert _invited(event) == set()


def test_registrants_inactive_accounts_and_the_invited_are_left_out(lead, suzuki, ito):
    event = EventFactory(created_by=lead)
    registration_create(actor=suzuki, event=event)
    gone = UserFactory(is_active=False)
    first = invite_to_event(
        actor=lead, event=event, people=[suzuki, ito, gone, lead], reason=BY_ORGANIZER
    )
    assert first == [ito.pk]
    assert invite_to_event(actor=lead, event=event, people=[ito], reason=BY_ORGANIZER) == []
    assert len(_told(ito)) == 1
    assert _told(suzuki) == []


def test_an_unknown_reason_is_a_programming_error(lead, suzuki):
    event = EventFactory(created_by=lead)
    with pytest.raises(ValueError):
        invite_to_event(actor=lead, event=event, people=[suzuki], reason="because")


# --- The event page ------------------------------------------------------------------------


def test_the_event_page_names_the_project_and_tells_the_invited(client, lead, project, suzuki):
    event = services.event_create(actor=lead, data=_data(project=project))
    public = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "このプロジェクトの催し" in public
    assert reverse("projects:detail", args=[project.pk]) in public
    assert "招待されています" not in public

    client.force_login(suzuki)
    # 1 session, 2 user, 3 the event (+ organizer? invited?), 4 roles (secretariat?),
    # 5 the viewer's registration, 6 guests, 7 questions, 8 related issues — as before
    with assert_num_queries(8):
        mine = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "このイベントに招待されています。" in mine


def test_a_hidden_project_is_named_only_to_those_who_see_it(client, lead, project, takahashi):
    event = services.event_create(actor=lead, data=_data(project=project))
    project.hidden_at = timezone.now()
    project.save(update_fields=["hidden_at"])
    url = reverse("events:detail", args=[event.pk])
    client.force_login(takahashi)
    assert "このプロジェクトの催し" not in client.get(url).content.decode()
    client.force_login(lead)  # an active member of the hidden project
    assert "このプロジェクトの催し" in client.get(url).content.decode()


def test_the_event_page_in_english_names_the_project(english, lead, project):
    event = services.event_create(actor=lead, data=_data(project=project))
    page = english.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert '<html lang="en"' in page
    assert "空き家で子ども食堂" in page  # the project's title as written


# --- The project's page lists its upcoming published events -------------------------------


def test_the_project_page_lists_only_upcoming_published_events(client, lead, project):
    soon = EventFactory(created_by=lead, project=project, title="近い催し")
    EventFactory(created_by=lead, project=project, title="下書きの催し", status="draft")
    EventFactory(created_by=lead, project=project, title="中止の催し", status="cancelled")
    past = timezone.now() - timedelta(days=3)
    EventFactory(
        created_by=lead,
        project=project,
        title="終わった催し",
        starts_at=past,
        ends_at=past + timedelta(hours=2),
    )
    EventFactory(created_by=lead, title="よその催し")
    assert [e.pk for e in upcoming_project_events(project.pk)] == [soon.pk]
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "近い催し" in page
    for hidden in ("下書きの催し", "中止の催し", "終わった催し", "よその催し"):
        assert hidden not in page


def test_the_project_page_in_english_dates_its_events_in_english(english, lead, project):
    start = tokyo(2027, 1, 9, 10, 0)
    EventFactory(
        created_by=lead,
        project=project,
        title="見学会",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    page = english.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert '<html lang="en"' in page
    assert "Sat, 9 Jan 2027, 10:00–12:00" in page
    assert "令和" not in page


def test_invitation_reasons_have_labels():
    assert {r.value for r in InvitationReason} == {
        "organizer",
        "project_follower",
        "campaign_supporter",
    }


def test_invitations_are_in_the_data_download_and_go_with_the_account(lead, suzuki):
    from kyoso.events.registration_personal_data import erase_invitations, export_invitations

    event = EventFactory(created_by=lead, title="収穫祭")
    invite_to_event(actor=lead, event=event, people=[suzuki], reason=BY_ORGANIZER)
    [row] = export_invitations(suzuki)
    assert (row["event"], row["event_title"], row["reason"]) == (event.pk, "収穫祭", "organizer")
    erase_invitations(suzuki)
    assert export_invitations(suzuki) == []
