"""The rules as role × action × state (the table in rules.py's docstring)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.policy import check
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory
from kyoso.screening import services
from kyoso.screening.models import ScreeningItem
from kyoso.screening.tests.conftest import fresh, values_for

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "stranger",
    "city_member",
    "city_admin",
    "reviewer",
    "company_reviewer",
    "decider",
    "decider_declared",
]

# Rules on the round.
ROUND_TABLE = {
    "screening.view_round": {
        "city_admin",
        "reviewer",
        "company_reviewer",
        "decider",
        "decider_declared",
    },
    "screening.manage_round": {"city_admin"},
    "screening.view_summary": {"city_admin", "decider", "decider_declared"},
    "screening.export_scores": {"city_admin", "decider", "decider_declared"},
}

# Rules on 庄内テック's item (company_reviewer belongs to 庄内テック; decider_declared declared
# a conflict on it), before anyone scored.
ITEM_TABLE = {
    "screening.view_item": {
        "city_admin",
        "reviewer",
        "company_reviewer",
        "decider",
        "decider_declared",
    },
    "screening.score_item": {"reviewer", "decider"},
    "screening.declare_conflict": {"reviewer", "company_reviewer", "decider", "decider_declared"},
    "screening.view_scores": {"city_admin"},
    "screening.decide_item": {"city_admin", "decider"},
}


@pytest.fixture
def people(round, item_a, city, city_admin, reviewer, company_reviewer, decider, takahashi):
    city_member = UserFactory(display_name="酒田市の職員")
    MembershipFactory(organization=city, user=city_member, role=MemberRole.MEMBER)
    declared = UserFactory(display_name="申告した決定者")
    services.reviewer_add(actor=city_admin, round=round, user=declared, may_decide=True)
    services.conflict_declare(actor=declared, item=item_a, reason="親族が応募者")
    return {
        "anonymous": AnonymousUser(),
        "stranger": takahashi,
        "city_member": city_member,
        "city_admin": city_admin,
        "reviewer": reviewer,
        "company_reviewer": company_reviewer,
        "decider": decider,
        "decider_declared": declared,
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", sorted(ROUND_TABLE))
def test_round_rules(people, round, role, rule):
    assert check(rule, people[role], fresh(round)) is (role in ROUND_TABLE[rule])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rule", sorted(ITEM_TABLE))
def test_item_rules_before_scoring(people, item_a, role, rule):
    assert check(rule, people[role], fresh(item_a)) is (role in ITEM_TABLE[rule])


@pytest.mark.parametrize("role", ROLES)
def test_after_submitting_a_reviewer_sees_the_scores_unless_conflicted(people, round, item_a, role):
    person = people[role]
    if role in ITEM_TABLE["screening.score_item"]:
        services.scores_submit(actor=person, item=fresh(item_a), values=values_for(round, 4, 4, 4))
    sees = check("screening.view_scores", person, fresh(item_a))
    assert sees is (role in {"city_admin", "reviewer", "decider"})


@pytest.mark.parametrize("role", ROLES)
def test_a_withdrawn_item_is_scored_by_nobody(people, round, item_a, role):
    services.item_withdraw(round=round, subject_id=item_a.subject_id)
    item = fresh(item_a)
    assert check("screening.score_item", people[role], item) is False
    assert check("screening.declare_conflict", people[role], item) is False


def test_an_applicant_person_is_conflicted_even_without_the_organization(round, adapter, reviewer):
    adapter.add(103, "個人の応募", None, person_ids=[reviewer.pk])
    item = services.item_add(round=round, subject_id=103)
    assert check("screening.score_item", reviewer, fresh(item)) is False
    assert check("screening.view_scores", reviewer, fresh(item)) is False


def test_a_manager_who_belongs_to_the_applicant_neither_sees_scores_nor_decides(
    round, item_a, city_admin, company_a
):
    MembershipFactory(organization=company_a, user=city_admin)
    item = fresh(item_a)
    assert check("screening.view_scores", city_admin, item) is False
    assert check("screening.decide_item", city_admin, item) is False
    assert ScreeningItem.objects.count() == 1
