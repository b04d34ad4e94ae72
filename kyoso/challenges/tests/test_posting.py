"""Posting a challenge: who may (verified local governments and companies), the direction
that follows from the poster's kind, the checks on the offer and timeline, publishing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from kyoso.audit.models import AuditEvent
from kyoso.challenges import messages
from kyoso.challenges.models import ChallengeStatus, ChallengeStatusChange, Direction
from kyoso.challenges.services.challenges import (
    challenge_close,
    challenge_create,
    challenge_publish,
    challenge_update,
)
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.tests.factories import CRITERIA, in_days, org_with_manager
from kyoso.orgs.models import MemberRole, OrganizationType


def valid_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "空き家の見回りを省力化したい",
        "problem": "空き家の見回りに職員の時間が足りません。",
        "background": "",
        "data_available": "空き家台帳（匿名化）",
        "constraints_text": "",
        "theme": "",
        "offer_kind": "budget",
        "budget_yen": 5_000_000,
        "offer_place": "市内の空き家3軒",
        "offer_staff_time": "担当職員が週2時間",
        "questions_until": in_days(7),
        "proposals_until": in_days(14),
        "decision_by": in_days(30),
        "trial_starts_on": in_days(60),
        "trial_ends_on": in_days(180),
        "open_to_company": True,
        "municipality": None,
        "latitude": None,
        "longitude": None,
        "criteria": [dict(c) for c in CRITERIA],
    }
    data.update(overrides)
    return data


def test_a_verified_city_posts_a_challenge_to_companies(city, city_admin):
    challenge = challenge_create(actor=city_admin, organization=city, data=valid_data())
    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.direction == Direction.MUNICIPALITY_POSTS
    assert challenge.criteria_draft[0]["weight"] == 40
    assert AuditEvent.objects.filter(action="challenge.created").count() == 1


def test_a_verified_company_posts_a_reverse_challenge(company, company_admin):
    challenge = challenge_create(
        actor=company_admin,
        organization=company,
        data=valid_data(open_to_company=False, open_to_local_government=True),
    )
    assert challenge.direction == Direction.COMPANY_POSTS


def test_an_unverified_organization_may_not_post(db):
    admin_org = org_with_manager(org_type=OrganizationType.LOCAL_GOVERNMENT, verified=False)
    admin = admin_org.memberships.get().user
    with pytest.raises(ChallengeError) as refused:
        challenge_create(actor=admin, organization=admin_org, data=valid_data())
    assert refused.value.message == messages.NOT_VERIFIED


@pytest.mark.parametrize("kind", [OrganizationType.NPO, OrganizationType.UNIVERSITY])
def test_an_organization_of_another_kind_may_not_post(db, kind):
    org = org_with_manager(org_type=kind)
    with pytest.raises(ChallengeError) as refused:
        challenge_create(actor=org.memberships.get().user, organization=org, data=valid_data())
    assert refused.value.message == messages.WRONG_KIND


def test_a_plain_member_may_not_post(city, outsider):
    from kyoso.orgs.tests.factories import MembershipFactory

    MembershipFactory(organization=city, user=outsider, role=MemberRole.MEMBER)
    with pytest.raises(PermissionDenied):
        challenge_create(actor=outsider, organization=city, data=valid_data())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"offer_kind": "budget", "budget_yen": None}, messages.BUDGET_REQUIRED),
        ({"offer_kind": "trial_field", "budget_yen": 100}, messages.BUDGET_ONLY_WITH_BUDGET),
        ({"budget_yen": 10_000_000_001}, messages.YEN_RANGE),
        ({"questions_until": in_days(20)}, messages.TIMELINE_ORDER),
        ({"decision_by": in_days(10)}, messages.TIMELINE_ORDER),
        ({"trial_ends_on": in_days(50)}, messages.TRIAL_BACKWARDS),
        ({"open_to_company": False}, messages.NO_PROPOSERS),
        ({"criteria": []}, messages.CRITERIA_REQUIRED),
        ({"criteria": [{"name": "", "weight": 10}]}, messages.CRITERION_INCOMPLETE % {"number": 1}),
        (
            {"criteria": [{"name": "費用", "weight": 0}]},
            messages.CRITERION_INCOMPLETE % {"number": 1},
        ),
    ],
)
def test_bad_offers_timelines_and_criteria_are_refused(city, city_admin, overrides, message):
    with pytest.raises(ChallengeError) as refused:
        challenge_create(actor=city_admin, organization=city, data=valid_data(**overrides))
    assert str(refused.value.message) == str(message)


def test_publishing_is_recorded_once_in_the_history(city, city_admin):
    challenge = challenge_create(actor=city_admin, organization=city, data=valid_data())
    challenge_publish(actor=city_admin, challenge=challenge)
    assert challenge.status == ChallengeStatus.PUBLISHED and challenge.published_at
    with pytest.raises(PermissionDenied):  # not a draft any more
        challenge_publish(actor=city_admin, challenge=challenge)
    challenge_close(actor=city_admin, challenge=challenge, reason="十分な提案が集まったため")
    history = list(
        ChallengeStatusChange.objects.filter(challenge=challenge).values_list(
            "from_status", "to_status"
        )
    )
    assert history == [("draft", "published"), ("published", "closed")]


def test_a_draft_past_its_deadline_is_not_published(city, city_admin):
    challenge = challenge_create(
        actor=city_admin,
        organization=city,
        data=valid_data(
            questions_until=in_days(-3), proposals_until=in_days(-2), decision_by=in_days(5)
        ),
    )
    with pytest.raises(ChallengeError) as refused:
        challenge_publish(actor=city_admin, challenge=challenge)
    assert refused.value.code == "deadline_passed"


def test_only_the_posters_managers_edit(challenge, city_admin, company_admin):
    with pytest.raises(PermissionDenied):
        challenge_update(actor=company_admin, challenge=challenge, data=valid_data())
    challenge_update(actor=city_admin, challenge=challenge, data=valid_data(title="新しい題"))
    challenge.refresh_from_db()
    assert challenge.title == "新しい題"
