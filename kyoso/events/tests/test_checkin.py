"""Check-in at the door: codes, QR confirmation, walk-ins, counted attendance, the ticket."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages_attendance as messages
from kyoso.events.models import EventStatus, Registration, RegistrationStatus
from kyoso.events.qr import checkin_url
from kyoso.events.services.checkin import (
    CheckinError,
    counted_attendance_change,
    normalize_code,
    registration_check_in,
    registration_undo_check_in,
    walk_in_add,
)
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return UserFactory(display_name="主催者")


@pytest.fixture
def event(organizer):
    return EventBuilder(created_by=organizer, title="第1回定例会", capacity_venue=1)


def registration(event, **kwargs):
    kwargs.setdefault("user", UserFactory(display_name="山田"))
    kwargs.setdefault("code", "AB3D5FGH")
    return RegistrationBuilder(event=event, **kwargs)


# --- Service ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["AB3D5FGH", "ab3d5fgh", "ＡＢ３Ｄ５ＦＧＨ", " ab3d 5fgh ", "AB3D-5FGH"]
)
def test_codes_are_read_however_they_are_typed(typed):
    assert normalize_code(typed) == "AB3D5FGH"


def test_check_in_by_code_then_again_says_already(event, organizer):
    person = registration(event)
    first = registration_check_in(actor=organizer, event=event, code="ab3d 5fgh")
    assert not first.already
    assert first.message == "山田さんを受付しました。"
    person.refresh_from_db()
    assert person.checked_in_at is not None and person.checked_in_by == organizer
    checked_at = person.checked_in_at

    second = registration_check_in(actor=UserFactory(), event=event, code="AB3D5FGH")
    assert second.already
    assert second.message.startswith("山田さんは") and second.message.endswith("に受付済みです。")
    person.refresh_from_db()
    assert person.checked_in_at == checked_at and person.checked_in_by == organizer


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (
            RegistrationStatus.WAITLISTED,
            "山田さんはキャンセル待ちのため受付できません（参加が確定していません）。",
        ),
        (RegistrationStatus.CANCELLED, "山田さんの申込はキャンセルされているため受付できません。"),
    ],
)
def test_waitlisted_and_cancelled_codes_are_refused(event, organizer, status, message):
    person = registration(event, status=status)
    with pytest.raises(CheckinError) as error:
        registration_check_in(actor=organizer, event=event, code=person.code)
    assert error.value.message == message
    person.refresh_from_db()
    assert person.checked_in_at is None


def test_another_events_code_is_unknown(event, organizer):
    other = registration(EventBuilder(), code="ZZZZ2222")
    with pytest.raises(CheckinError) as error:
        registration_check_in(actor=organizer, event=event, code=other.code)
    assert error.value.message == str(messages.CODE_UNKNOWN % {"code": "ZZZZ2222"})
    with pytest.raises(CheckinError) as error:
        registration_check_in(actor=organizer, event=event, code="  ")
    assert error.value.message == str(messages.CODE_REQUIRED)


def test_nobody_is_checked_in_at_a_cancelled_event(organizer):
    cancelled = EventBuilder(created_by=organizer, status=EventStatus.CANCELLED)
    registration(cancelled)
    for attempt in (
        lambda: registration_check_in(actor=organizer, event=cancelled, code="AB3D5FGH"),
        lambda: walk_in_add(actor=organizer, event=cancelled, name="飛び入り"),
        lambda: counted_attendance_change(actor=organizer, event=cancelled, delta=1),
    ):
        with pytest.raises(CheckinError) as error:
            attempt()
        assert error.value.message == str(messages.EVENT_CANCELLED)


def test_walk_in_beyond_capacity_is_recorded_without_taking_a_seat(event, organizer):
    registration(event)
    event.confirmed_venue = 1  # the one seat is taken
    event.save()
    walk_in = walk_in_add(actor=organizer, event=event, name="  飛び入り　太郎 ")
    assert walk_in.walk_in_name == "飛び入り 太郎"
    assert walk_in.user is None
    assert walk_in.status == RegistrationStatus.CONFIRMED
    assert walk_in.checked_in_at is not None and walk_in.checked_in_by == organizer
    event.refresh_from_db()
    assert event.confirmed_venue == 1
    assert AuditEvent.objects.filter(action="event.walk_in", target_id=str(event.pk)).exists()
    with pytest.raises(CheckinError):
        walk_in_add(actor=organizer, event=event, name="　")


def test_counted_attendance_goes_up_and_down_but_never_below_zero(event, organizer):
    assert counted_attendance_change(actor=organizer, event=event, delta=3) == 3
    assert counted_attendance_change(actor=organizer, event=event, delta=-1) == 2
    with pytest.raises(CheckinError) as error:
        counted_attendance_change(actor=organizer, event=event, delta=-5)
    assert error.value.message == str(messages.COUNT_CANNOT_GO_BELOW_ZERO)
    with pytest.raises(CheckinError):
        counted_attendance_change(actor=organizer, event=event, delta=0)
    event.refresh_from_db()
    assert event.counted_attendance == 2


def test_counting_uses_the_current_value_not_a_stale_copy(event, organizer):
    stale = type(event).objects.get(pk=event.pk)
    counted_attendance_change(actor=organizer, event=event, delta=4)
    assert counted_attendance_change(actor=organizer, event=stale, delta=1) == 5


def test_undo_takes_back_a_check_in_and_removes_a_walk_in(event, organizer):
    person = registration(event)
    registration_check_in(actor=organizer, event=event, code=person.code)
    registration_undo_check_in(actor=organizer, event=event, registration_id=person.pk)
    person.refresh_from_db()
    assert person.checked_in_at is None and person.status == RegistrationStatus.CONFIRMED
    with pytest.raises(CheckinError):
        registration_undo_check_in(actor=organizer, event=event, registration_id=person.pk)
    walk_in = walk_in_add(actor=organizer, event=event, name="飛び入り")
    registration_undo_check_in(actor=organizer, event=event, registration_id=walk_in.pk)
    assert not Registration.objects.filter(pk=walk_in.pk).exists()


# --- Who may run the desk -----------------------------------------------------------------


def _people(event, organizer, sato, suzuki, takahashi):
    org = OrganizationFactory()
    community = CommunityFactory()
    event.organization = org
    event.community = community
    event.save()
    admin, member, leader, community_member = UserFactory.create_batch(4)
    MembershipFactory(organization=org, user=admin, role=MemberRole.ADMIN)
    MembershipFactory(organization=org, user=member, role=MemberRole.MEMBER)
    add_member(community, leader, role="leader")
    add_member(community, community_member)
    return {
        "creator": (organizer, True),
        "org_admin": (admin, True),
        "community_leader": (leader, True),
        "secretariat": (sato, True),
        "org_member": (member, False),
        "community_member": (community_member, False),
        "citizen": (suzuki, False),
        "no_role": (takahashi, False),
    }


@pytest.mark.parametrize(
    "who",
    [
        "creator",
        "org_admin",
        "community_leader",
        "secretariat",
        "org_member",
        "community_member",
        "citizen",
        "no_role",
        "anonymous",
    ],
)
def test_desk_actions_by_role(client, event, organizer, sato, suzuki, takahashi, who):
    people = _people(event, organizer, sato, suzuki, takahashi)
    person = registration(event)
    user, allowed = people.get(who, (None, False))
    if user is not None:
        client.force_login(user)
    actions = [
        ("get", reverse("events:checkin", args=[event.pk]), {}),
        ("get", reverse("events:checkin_confirm", args=[event.pk, person.code]), {}),
        ("post", reverse("events:checkin", args=[event.pk]), {"code": person.code}),
        (
            "post",
            reverse("events:checkin_walk_in", args=[event.pk]),
            {"name": "飛び入り", "attendance": "venue"},
        ),
        ("post", reverse("events:checkin_count", args=[event.pk]), {"delta": "1"}),
        ("post", reverse("events:checkin_undo", args=[event.pk, person.pk]), {}),
    ]
    for method, url, data in actions:
        response = getattr(client, method)(url, data)
        if allowed:
            assert response.status_code == 200, url
        elif user is None:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("accounts:login"))
        else:
            assert response.status_code == 403, url
    event.refresh_from_db()
    person.refresh_from_db()
    if allowed:
        assert event.counted_attendance == 1
        assert Registration.objects.filter(event=event, walk_in_name="飛び入り").exists()
    else:
        assert event.counted_attendance == 0
        assert person.checked_in_at is None
        assert not Registration.objects.filter(walk_in_name="飛び入り").exists()


# --- Pages --------------------------------------------------------------------------------


def test_desk_checks_in_by_code_and_lists_who_came(client, event, organizer):
    person = registration(event)
    client.force_login(organizer)
    url = reverse("events:checkin", args=[event.pk])
    page = client.post(url, {"code": "ａｂ３ｄ５ｆｇｈ"}).content.decode()
    assert "山田さんを受付しました。" in page
    assert "受付済み" in page and "山田" in page
    again = client.post(url, {"code": person.code}).content.decode()
    assert "受付済みです" in again
    refused = client.post(url, {"code": "NOPE2345"})
    assert refused.status_code == 400
    assert "受付コード「NOPE2345」はこのイベントの申込にありません" in refused.content.decode()
    assert 'value="NOPE2345"' in refused.content.decode()  # what was typed is kept


def test_desk_answers_htmx_with_the_panel_only(client, event, organizer):
    registration(event)
    client.force_login(organizer)
    response = client.post(
        reverse("events:checkin", args=[event.pk]), {"code": "AB3D5FGH"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.lstrip().startswith('<div id="checkin-panel">')
    assert "<html" not in page and "山田さんを受付しました。" in page


def test_scanned_qr_opens_a_confirmation_and_checks_in_on_the_button(client, event, organizer):
    person = registration(event)
    url = checkin_url(person)
    path = url.removeprefix("http://127.0.0.1:8000")
    assert path == f"/events/{event.pk}/checkin/{person.code}/"
    client.force_login(organizer)
    page = client.get(path).content.decode()
    assert "山田" in page and "受付する" in page
    person.refresh_from_db()
    assert person.checked_in_at is None  # opening the link changes nothing
    response = client.post(path)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.checked_in_at is not None
    waitlisted = registration(
        event,
        code="WAIT2345",
        status=RegistrationStatus.WAITLISTED,
        user=UserFactory(display_name="待ち"),
    )
    refused = client.get(reverse("events:checkin_confirm", args=[event.pk, waitlisted.code]))
    assert refused.status_code == 400
    assert "待ちさんはキャンセル待ちのため受付できません" in refused.content.decode()


def test_bad_counts_are_refused_with_a_message(client, event, organizer):
    client.force_login(organizer)
    url = reverse("events:checkin_count", args=[event.pk])
    for value in ("-1", "abc", "1000"):
        response = client.post(url, {"delta": value})
        assert response.status_code == 400
    event.refresh_from_db()
    assert event.counted_attendance == 0
    response = client.post(reverse("events:checkin_walk_in", args=[event.pk]), {"name": ""})
    assert response.status_code == 400
    assert "当日参加の方の氏名を入力してください。" in response.content.decode()


def test_desk_page_queries(client, event, organizer):
    for i in range(3):
        person = registration(event, code=f"CODE{i}AAA", user=UserFactory())
        registration_check_in(actor=organizer, event=event, code=person.code)
    walk_in_add(actor=organizer, event=event, name="飛び入り")
    client.force_login(organizer)
    # 1 session, 2 user, 3 the user's roles (two-factor policy middleware), 4 event, 5 counts
    # of the registrations, 6 checked-in registrations with their users (the creator passes
    # the organizer rule without a query)
    with assert_num_queries(6):
        response = client.get(reverse("events:checkin", args=[event.pk]))
    assert response.status_code == 200


# --- The ticket ---------------------------------------------------------------------------


def test_registrant_sees_the_qr_and_code_on_the_ticket(client, event):
    person = registration(event)
    client.force_login(person.user)
    # 1 session, 2 user, 3 the user's roles (two-factor policy middleware), 4 event, 5 the
    # viewer's live registration (rule), 6 the registration shown
    with assert_num_queries(6):
        response = client.get(reverse("events:ticket", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and "ticket-qr" in page
    assert "AB3D5FGH" in page


def test_waitlisted_ticket_shows_no_qr(client, event):
    person = registration(event, status=RegistrationStatus.WAITLISTED)
    client.force_login(person.user)
    page = client.get(reverse("events:ticket", args=[event.pk])).content.decode()
    assert "<svg" not in page and "キャンセル待ちです" in page


@pytest.mark.parametrize("who", ["anonymous", "other", "cancelled"])
def test_ticket_is_only_for_the_registrant(client, event, who):
    person = registration(
        event,
        status=RegistrationStatus.CANCELLED if who == "cancelled" else RegistrationStatus.CONFIRMED,
    )
    if who == "other":
        client.force_login(UserFactory())
    elif who == "cancelled":
        client.force_login(person.user)
    response = client.get(reverse("events:ticket", args=[event.pk]))
    assert response.status_code == (302 if who == "anonymous" else 403)
