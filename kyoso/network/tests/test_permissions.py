"""Who may do what, in which state: role × action × state for introductions and advice
requests, through the pages. Anyone who takes no part gets a 404 (they may not know the
object exists); anonymous visitors are sent to sign in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.network.models import (
    AdviceRecord,
    AdviceRequest,
    AdviceStatus,
    Advisor,
    Introduction,
    IntroductionStatus,
    RequestKind,
)
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

INTRO_ROLES = ["anonymous", "asker", "target", "org_admin", "other", "advisor", "secretariat"]
INTRO_ACTIONS = ["view", "accept", "decline", "contact"]
INTRO_STATES = [
    IntroductionStatus.PENDING,
    IntroductionStatus.ACCEPTED,
    IntroductionStatus.DECLINED,
]
PARTIES = {"asker", "target", "org_admin"}


def _advisor():
    return Advisor.objects.create(
        user=UserFactory(), expertise="事業計画", kinds=[RequestKind.ADVICE], monthly_limit=5
    )


def _introduction(state, *, to_organization):
    asker = UserFactory(email="asker@example.jp")
    target = UserFactory(email="target@example.jp")
    org = OrganizationFactory(contact_email="org@example.jp")
    MembershipFactory(organization=org, user=target, role=MemberRole.ADMIN)
    now = timezone.now()
    intro = Introduction.objects.create(
        requester=asker,
        to_user=None if to_organization else target,
        to_organization=org if to_organization else None,
        reason="相談したい",
        status=state,
        requester_accepted_at=now,
        target_accepted_at=now if state == IntroductionStatus.ACCEPTED else None,
        answered_by=target if state != IntroductionStatus.PENDING else None,
    )
    return intro, asker, target


def intro_expected(role, action, state):
    if role == "anonymous":
        return False if action == "contact" else "login"
    if role not in PARTIES:
        return False if action == "contact" else 404
    if action == "view":
        return 200
    if action == "contact":
        return state == IntroductionStatus.ACCEPTED
    answers = role in ("target", "org_admin") and state == IntroductionStatus.PENDING
    return "done" if answers else 403


@pytest.mark.parametrize("state", INTRO_STATES)
@pytest.mark.parametrize("action", INTRO_ACTIONS)
@pytest.mark.parametrize("role", INTRO_ROLES)
def test_introduction_role_action_state(client, sato, role, action, state):
    intro, asker, target = _introduction(state, to_organization=role == "org_admin")
    viewer = {
        "asker": asker,
        "target": target,
        "org_admin": target,
        "other": UserFactory(),
        "advisor": _advisor().user,
        "secretariat": sato,
    }.get(role)
    if viewer is not None:
        client.force_login(viewer)
    expected = intro_expected(role, action, state)

    if action in ("view", "contact"):
        response = client.get(reverse("introductions:detail", args=[intro.pk]))
        if action == "contact":
            page = response.content.decode() if response.status_code == 200 else ""
            other_email = "target@example.jp" if viewer == asker else "asker@example.jp"
            if role == "org_admin" or (role == "asker" and intro.to_organization_id):
                other_email = "asker@example.jp" if role == "org_admin" else "org@example.jp"
            assert (other_email in page) is expected
            return
    else:
        response = client.post(reverse(f"introductions:{action}", args=[intro.pk]))
    before = state
    intro.refresh_from_db()
    if expected == "login":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif expected == "done":
        assert response.status_code == 302
        assert intro.status == ("accepted" if action == "accept" else "declined")
    else:
        assert response.status_code == expected
        assert intro.status == before


ADVICE_ROLES = ["anonymous", "asker", "advisor", "other_advisor", "other", "secretariat"]
ADVICE_ACTIONS = ["view", "move", "record"]
ADVICE_STATES = [AdviceStatus.NEW, AdviceStatus.ASSIGNED, AdviceStatus.DONE]
#: The move each state allows (declined from new: secretariat; from assigned: handler).
MOVE_TO = {AdviceStatus.NEW: "declined", AdviceStatus.ASSIGNED: "in_conversation"}


def advice_expected(role, action, state):
    assigned = state != AdviceStatus.NEW
    sees = role in ("asker", "secretariat") or (role == "advisor" and assigned)
    if role == "anonymous":
        return False if action == "record" else "login"
    if not sees:
        return False if action == "record" else 404
    if action == "view":
        return 200
    handler = role == "secretariat" or (role == "advisor" and assigned)
    if action == "record":
        return handler
    if not handler:
        return 403
    if state == AdviceStatus.DONE:
        return "unchanged"
    return "moved"


@pytest.mark.parametrize("state", ADVICE_STATES)
@pytest.mark.parametrize("action", ADVICE_ACTIONS)
@pytest.mark.parametrize("role", ADVICE_ROLES)
def test_advice_role_action_state(client, sato, role, action, state):
    asker = UserFactory()
    advisor = _advisor()
    advice = AdviceRequest.objects.create(
        requester=asker,
        kind=RequestKind.ADVICE,
        subject="相談",
        body="本文",
        status=state,
        advisor=advisor if state != AdviceStatus.NEW else None,
    )
    AdviceRecord.objects.create(request=advice, author=advisor.user, text="内密の記録")
    viewer = {
        "asker": asker,
        "advisor": advisor.user,
        "other_advisor": _advisor().user,
        "other": UserFactory(),
        "secretariat": sato,
    }.get(role)
    if viewer is not None:
        client.force_login(viewer)
    expected = advice_expected(role, action, state)

    if action == "move":
        response = client.post(
            reverse("advice:move", args=[advice.pk]),
            {"to_status": MOVE_TO.get(state, "in_conversation")},
        )
    else:
        response = client.get(reverse("advice:detail", args=[advice.pk]))
    advice.refresh_from_db()
    if action == "record":
        page = response.content.decode() if response.status_code == 200 else ""
        assert ("内密の記録" in page) is expected
    elif expected == "login":
        assert response.status_code == 302 and "/login" in response["Location"]
    elif expected == "moved":
        assert response.status_code == 302
        assert advice.status == MOVE_TO[state]
    elif expected == "unchanged":
        assert response.status_code == 302
        assert advice.status == state
    else:
        assert response.status_code == expected
        assert advice.status == state
