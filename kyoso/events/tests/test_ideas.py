"""Idea events: pitches, teams and rounds — who may do what in which round, and the messages
for everything refused (nothing changes when refused)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events import messages
from kyoso.events.models import IdeaRound, Pitch, RegistrationStatus, TeamMember
from kyoso.events.services import ideas
from kyoso.events.services.refusals import Refused
from kyoso.events.tests.after_event import idea_event, make_event, organizer
from kyoso.events.tests.builders import RegistrationBuilder

ROUNDS = ["", IdeaRound.PITCH, IdeaRound.TEAM_UP, IdeaRound.PRESENT, IdeaRound.CLOSED]
ROLES = ["anonymous", "takahashi", "suzuki", "organizer", "sato"]


@pytest.fixture
def creator(db):
    return organizer()


def register(event, user, status=RegistrationStatus.CONFIRMED):
    return RegistrationBuilder(event=event, user=user, status=status)


@pytest.fixture
def board(creator, suzuki):
    """An idea event in the pitch round where 鈴木 holds a confirmed registration and 伊藤
    pitched an idea (高橋 and the organizers did not register)."""
    event = idea_event(created_by=creator, round=IdeaRound.PITCH)
    register(event, suzuki)
    ito = UserFactory(display_name="伊藤")
    register(event, ito)
    pitch = ideas.pitch_create(actor=ito, event=event, title="庄内の野菜で給食メニュー")
    return event, pitch, ito


def _set_round(event, value):
    event.idea_round = value
    event.save(update_fields=["idea_round"])


def _login(client, request, creator, role):
    if role == "anonymous":
        return None
    user = creator if role == "organizer" else request.getfixturevalue(role)
    client.force_login(user)
    return user


def expected_pitch(role: str, round_: str) -> bool:
    """Only a confirmed registrant pitches, and only in the pitch round."""
    return role == "suzuki" and round_ == IdeaRound.PITCH


def expected_join(role: str, round_: str) -> bool:
    """Only a confirmed registrant joins, and only in the team_up round."""
    return role == "suzuki" and round_ == IdeaRound.TEAM_UP


@pytest.mark.parametrize("round_", ROUNDS)
@pytest.mark.parametrize("role", ROLES)
def test_pitching_by_role_and_round(client, request, creator, board, role, round_):
    event, _pitch, _ito = board
    _set_round(event, round_)
    _login(client, request, creator, role)
    response = client.post(
        reverse("events:pitch_create", args=[event.pk]), {"title": "空き家で子ども食堂"}
    )
    created = Pitch.objects.filter(title="空き家で子ども食堂").exists()
    assert created == expected_pitch(role, round_)
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif not created:
        assert response.status_code == 400


@pytest.mark.parametrize("round_", ROUNDS)
@pytest.mark.parametrize("role", ROLES)
def test_joining_by_role_and_round(client, request, creator, board, role, round_):
    event, pitch, _ito = board
    _set_round(event, round_)
    user = _login(client, request, creator, role)
    client.post(reverse("events:team_join", args=[event.pk, pitch.pk]))
    joined = user is not None and TeamMember.objects.filter(pitch=pitch, user=user).exists()
    assert joined == expected_join(role, round_)
    pitch.refresh_from_db()
    assert pitch.team_size == pitch.members.count()


@pytest.mark.parametrize(
    "round_, message",
    [
        ("", messages.IDEAS_NOT_STARTED),
        (IdeaRound.TEAM_UP, messages.PITCH_OUTSIDE_ROUND),
        (IdeaRound.PRESENT, messages.PITCH_OUTSIDE_ROUND),
        (IdeaRound.CLOSED, messages.IDEAS_CLOSED),
    ],
)
def test_pitching_outside_the_round_says_why_and_keeps_the_text(
    client, board, suzuki, round_, message
):
    event, _pitch, _ito = board
    _set_round(event, round_)
    client.force_login(suzuki)
    response = client.post(
        reverse("events:pitch_create", args=[event.pk]),
        {"title": "空き家で子ども食堂", "summary": "週2回、地域の大人が料理します"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert str(message) in html
    assert "週2回、地域の大人が料理します" in html


@pytest.mark.parametrize(
    "round_, message",
    [
        (IdeaRound.PITCH, messages.TEAM_OUTSIDE_ROUND),
        (IdeaRound.PRESENT, messages.TEAM_OUTSIDE_ROUND),
        (IdeaRound.CLOSED, messages.IDEAS_CLOSED),
    ],
)
def test_joining_outside_the_round_says_why(client, board, suzuki, round_, message):
    event, pitch, _ito = board
    _set_round(event, round_)
    client.force_login(suzuki)
    page = client.post(reverse("events:team_join", args=[event.pk, pitch.pk]), follow=True)
    assert str(message) in page.content.decode()


def test_a_person_without_a_confirmed_registration_is_told_why(client, board, takahashi):
    event, _pitch, _ito = board
    register(event, takahashi, RegistrationStatus.WAITLISTED)
    client.force_login(takahashi)
    response = client.post(reverse("events:pitch_create", args=[event.pk]), {"title": "案"})
    assert str(messages.NOT_A_PARTICIPANT) in response.content.decode()


def test_an_unverified_registrant_is_told_to_confirm_the_address(client, board):
    event, _pitch, _ito = board
    unverified = UserFactory(email_verified_at=None)
    register(event, unverified)
    client.force_login(unverified)
    response = client.post(reverse("events:pitch_create", args=[event.pk]), {"title": "案"})
    assert str(messages.IDEAS_VERIFY_EMAIL_FIRST) in response.content.decode()
    assert not Pitch.objects.filter(title="案").exists()


def test_empty_pitch_title(client, board, suzuki):
    event, _pitch, _ito = board
    client.force_login(suzuki)
    response = client.post(reverse("events:pitch_create", args=[event.pk]), {"title": " "})
    assert response.status_code == 400
    assert str(messages.PITCH_TITLE_REQUIRED) in response.content.decode()


def test_the_author_is_in_their_team_and_cannot_pitch_twice(board):
    event, pitch, ito = board
    assert list(pitch.members.values_list("user_id", flat=True)) == [ito.pk]
    assert pitch.team_size == 1
    with pytest.raises(Refused) as refused:
        ideas.pitch_create(actor=ito, event=event, title="二つ目の案")
    assert refused.value.message == messages.ALREADY_IN_A_TEAM % {"title": pitch.title}


def test_joining_twice_own_team_and_a_second_team(board, suzuki):
    event, pitch, ito = board
    other_author = UserFactory()
    register(event, other_author)
    other = ideas.pitch_create(actor=other_author, event=event, title="農家と高校生の直売所")
    _set_round(event, IdeaRound.TEAM_UP)

    ideas.team_join(actor=suzuki, pitch=pitch)
    with pytest.raises(Refused) as twice:
        ideas.team_join(actor=suzuki, pitch=pitch)
    assert twice.value.message == messages.ALREADY_IN_THIS_TEAM
    with pytest.raises(Refused) as second:
        ideas.team_join(actor=suzuki, pitch=other)
    assert second.value.message == messages.ALREADY_IN_A_TEAM % {"title": pitch.title}
    with pytest.raises(Refused) as own:
        ideas.team_join(actor=ito, pitch=pitch)
    assert own.value.message == messages.OWN_TEAM
    with pytest.raises(Refused) as author_leaves:
        ideas.team_leave(actor=ito, pitch=pitch)
    assert author_leaves.value.message == messages.AUTHOR_CANNOT_LEAVE

    # Leave, then join the other team.
    ideas.team_leave(actor=suzuki, pitch=pitch)
    with pytest.raises(Refused) as not_in:
        ideas.team_leave(actor=suzuki, pitch=pitch)
    assert not_in.value.message == messages.NOT_IN_TEAM
    ideas.team_join(actor=suzuki, pitch=other)
    pitch.refresh_from_db()
    other.refresh_from_db()
    assert (pitch.team_size, other.team_size) == (1, 2)


def test_join_and_leave_with_htmx_swap_the_card(client, board, suzuki):
    event, pitch, _ito = board
    _set_round(event, IdeaRound.TEAM_UP)
    client.force_login(suzuki)
    join = reverse("events:team_join", args=[event.pk, pitch.pk])
    response = client.post(join, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith(f'<li class="ideas-card ideas-card--mine" id="pitch-{pitch.pk}"')
    assert "チーム 2人" in html and "チームを抜ける" in html
    response = client.post(join, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert str(messages.ALREADY_IN_THIS_TEAM) in response.content.decode()
    leave = reverse("events:team_leave", args=[event.pk, pitch.pk])
    response = client.post(leave, HTTP_HX_REQUEST="true")
    assert "チーム 1人" in response.content.decode()


def test_joining_without_htmx_comes_back_with_a_message(client, board, suzuki):
    event, pitch, _ito = board
    _set_round(event, IdeaRound.TEAM_UP)
    client.force_login(suzuki)
    page = client.post(reverse("events:team_join", args=[event.pk, pitch.pk]), follow=True)
    html = page.content.decode()
    assert str(messages.TEAM_JOINED % {"title": pitch.title}) in html
    assert "鈴木" in html


def test_teams_stay_after_the_event_closes(creator, board, suzuki):
    event, pitch, _ito = board
    _set_round(event, IdeaRound.TEAM_UP)
    ideas.team_join(actor=suzuki, pitch=pitch)
    ideas.idea_round_set(actor=creator, event=event, round=IdeaRound.CLOSED)
    with pytest.raises(Refused) as refused:
        ideas.team_leave(actor=suzuki, pitch=pitch)
    assert refused.value.message == messages.IDEAS_CLOSED
    assert pitch.members.count() == 2
    with pytest.raises(Refused) as reopen:
        ideas.idea_round_set(actor=creator, event=event, round=IdeaRound.PITCH)
    assert reopen.value.message == messages.ROUND_AFTER_CLOSED


@pytest.mark.parametrize("role", ROLES)
def test_running_rounds_is_for_organizers(client, request, creator, board, role):
    event, _pitch, _ito = board
    _login(client, request, creator, role)
    client.post(reverse("events:idea_round", args=[event.pk]), {"round": IdeaRound.TEAM_UP})
    event.refresh_from_db()
    assert (event.idea_round == IdeaRound.TEAM_UP) == (role in {"organizer", "sato"})


def test_round_messages(client, creator, board):
    event, _pitch, _ito = board
    client.force_login(creator)
    url = reverse("events:idea_round", args=[event.pk])
    page = client.post(url, {"round": IdeaRound.PITCH}, follow=True)
    assert str(messages.ROUND_UNCHANGED) in page.content.decode()
    page = client.post(url, {"round": "party"}, follow=True)
    assert str(messages.ROUND_INVALID) in page.content.decode()
    page = client.post(url, {"round": IdeaRound.TEAM_UP}, follow=True)
    changed = messages.ROUND_CHANGED % {"round": IdeaRound.TEAM_UP.label}
    assert str(changed) in page.content.decode()


def test_a_regular_event_has_no_idea_board(client, creator):
    event = make_event(created_by=creator)
    client.force_login(creator)
    assert client.get(reverse("events:ideas", args=[event.pk])).status_code == 403


def test_a_draft_idea_event_board_is_for_organizers(client, creator, takahashi):
    event = idea_event(created_by=creator)
    event.status = "draft"
    event.save()
    client.force_login(takahashi)
    assert client.get(reverse("events:ideas", args=[event.pk])).status_code == 403
    client.force_login(creator)
    assert client.get(reverse("events:ideas", args=[event.pk])).status_code == 200


@pytest.mark.parametrize("pitches", [1, 4])
def test_board_query_count(client, creator, suzuki, pitches):
    event = idea_event(created_by=creator, round=IdeaRound.PITCH)
    register(event, suzuki)
    made = []
    for _ in range(pitches):
        author = UserFactory()
        register(event, author)
        made.append(ideas.pitch_create(actor=author, event=event, title="アイデア"))
    _set_round(event, IdeaRound.TEAM_UP)
    for pitch in made:
        member = UserFactory()
        register(event, member)
        ideas.team_join(actor=member, pitch=pitch)
    client.force_login(suzuki)
    # 1 session  2 user  3 the person's roles  4 the event  5 the pitches with their authors
    # 6 their members  7 the person's registration (may they pitch or team up?)
    # (the organizer check reads the roles already loaded: no organization or community)
    with assert_num_queries(7):
        response = client.get(reverse("events:ideas", args=[event.pk]))
    assert response.status_code == 200
    assert len(response.context["board"].pitches) == pitches
