"""Introductions: double opt-in, every refusal with its message, contact only after both
sides accepted, "not now" for the asker of a declined request."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kyoso.network import messages
from kyoso.network.models import Block, Introduction, IntroductionStatus, NetworkPreference
from kyoso.network.services.common import NetworkError
from kyoso.network.services.introductions import (
    DAILY_LIMIT,
    block_create,
    contact_for,
    introduction_answer,
    introduction_broker,
    introduction_request,
)
from kyoso.notifications.models import Notification
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def ask(actor, to, reason="地域の販路づくりで相談したい"):
    return introduction_request(actor=actor, to_user=to, reason=reason)


def refused(code, message, fn, *args, **kwargs):
    with pytest.raises(NetworkError) as caught:
        fn(*args, **kwargs)
    assert caught.value.code == code
    assert caught.value.message == message


def test_double_opt_in_shares_contact_only_after_acceptance(suzuki, yamada):
    intro = ask(suzuki, yamada)
    assert intro.status == IntroductionStatus.PENDING
    assert contact_for(suzuki, intro) is None
    assert contact_for(yamada, intro) is None
    assert Notification.objects.filter(recipient=yamada, kind="network.introduction").exists()
    introduction_answer(actor=yamada, introduction=intro, accept=True)
    assert intro.status == IntroductionStatus.ACCEPTED
    assert contact_for(suzuki, intro)["email"] == "yamada@example.jp"
    assert contact_for(yamada, intro)["email"] == "suzuki@example.jp"
    assert [c.event for c in intro.changes.all()] == ["requested", "target_accepted"]


def test_nobody_else_sees_contact(suzuki, yamada, takahashi, sato):
    intro = ask(suzuki, yamada)
    introduction_answer(actor=yamada, introduction=intro, accept=True)
    assert contact_for(takahashi, intro) is None
    assert contact_for(sato, intro) is None


def test_decline_tells_the_asker_only_not_now(client, suzuki, yamada):
    intro = ask(suzuki, yamada)
    introduction_answer(actor=yamada, introduction=intro, accept=False)
    assert intro.status == IntroductionStatus.DECLINED
    note = Notification.objects.get(recipient=suzuki, kind="network.introduction")
    assert note.text == str(messages.NOTIFY_INTRO_NOT_NOW)
    assert note.actor_id is None
    client.force_login(suzuki)
    page = client.get(reverse("introductions:detail", args=[intro.pk])).content.decode()
    assert str(messages.NOT_NOW) in page
    assert "yamada@example.jp" not in page


def test_answering_twice_is_refused(suzuki, yamada):
    intro = ask(suzuki, yamada)
    introduction_answer(actor=yamada, introduction=intro, accept=True)
    with pytest.raises((NetworkError, PermissionDenied)):
        introduction_answer(actor=yamada, introduction=intro, accept=False)


def test_not_to_oneself(suzuki):
    refused("to_self", messages.INTRO_TO_SELF, ask, suzuki, suzuki)


def test_not_to_someone_who_opted_out(suzuki, yamada):
    NetworkPreference.objects.create(user=yamada, introductions_open=False)
    refused("opted_out", messages.INTRO_OPTED_OUT, ask, suzuki, yamada)


def test_not_to_someone_who_blocked_the_asker(suzuki, yamada):
    block_create(actor=yamada, blocked=suzuki)
    refused("blocked", messages.INTRO_BLOCKED, ask, suzuki, yamada)
    assert Block.objects.filter(blocker=yamada, blocked=suzuki).count() == 1


def test_no_second_open_request(suzuki, yamada):
    ask(suzuki, yamada)
    refused("already_open", messages.INTRO_ALREADY_OPEN, ask, suzuki, yamada)


def test_a_new_request_after_the_first_was_answered(suzuki, yamada):
    intro = ask(suzuki, yamada)
    introduction_answer(actor=yamada, introduction=intro, accept=False)
    assert ask(suzuki, yamada).status == IntroductionStatus.PENDING


def test_the_21st_request_of_the_day_is_refused(suzuki):
    from kyoso.accounts.tests.factories import UserFactory

    people = UserFactory.create_batch(DAILY_LIMIT + 1)
    for person in people[:DAILY_LIMIT]:
        ask(suzuki, person)
    refused(
        "daily_limit",
        messages.INTRO_DAILY_LIMIT % {"limit": DAILY_LIMIT},
        ask,
        suzuki,
        people[-1],
    )
    assert Introduction.objects.filter(requester=suzuki).count() == DAILY_LIMIT


def test_empty_reason_is_refused(suzuki, yamada):
    refused("reason_required", messages.INTRO_REASON_REQUIRED, ask, suzuki, yamada, "  ")


def test_an_organization_answers_through_its_managers(suzuki, yamada, takahashi):
    org = OrganizationFactory(
        slug="sanroku", name="サンロク", contact_email="info@sanroku.example.jp"
    )
    MembershipFactory(organization=org, user=yamada, role=MemberRole.ADMIN)
    MembershipFactory(organization=org, user=takahashi, role=MemberRole.MEMBER)
    intro = introduction_request(actor=suzuki, to_organization=org, reason="協賛の相談")
    with pytest.raises(PermissionDenied):
        introduction_answer(actor=takahashi, introduction=intro, accept=True)
    introduction_answer(actor=yamada, introduction=intro, accept=True)
    contact = contact_for(suzuki, intro)
    assert contact["email"] == "info@sanroku.example.jp"
    assert contact["person_email"] == "yamada@example.jp"
    refused(
        "to_self",
        messages.ORG_MEMBER_OF_TARGET,
        introduction_request,
        actor=yamada,
        to_organization=org,
        reason="x",
    )


def test_a_brokered_introduction_needs_both_sides(sato, suzuki, yamada):
    intro = introduction_broker(
        actor=sato, requester=suzuki, to_user=yamada, reason="同じ地域で活動"
    )
    introduction_answer(actor=yamada, introduction=intro, accept=True)
    assert intro.status == IntroductionStatus.PENDING
    assert contact_for(yamada, intro) is None
    introduction_answer(actor=suzuki, introduction=intro, accept=True)
    assert intro.status == IntroductionStatus.ACCEPTED


def test_only_advisors_and_the_secretariat_broker(suzuki, yamada, takahashi, advisor_ito):
    with pytest.raises(PermissionDenied):
        introduction_broker(actor=takahashi, requester=suzuki, to_user=yamada, reason="x")
    intro = introduction_broker(
        actor=advisor_ito.user, requester=suzuki, to_user=yamada, reason="x"
    )
    assert intro.broker_id == advisor_ito.user_id
