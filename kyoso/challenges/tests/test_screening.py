"""The challenge and its screening round: publishing creates the round with the challenge's
criteria (published on the page), a proposal is an item, the poster's admins choose the
reviewers, a reviewer of the proposing organization cannot score it, and a decision recorded
in the screening app reaches the proposal (a trial project, or the reason)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.challenges import messages
from kyoso.challenges.models import ChallengeStatus, ProposalOutcome
from kyoso.challenges.services.challenges import challenge_publish, challenge_update
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.services.proposals import proposal_submit
from kyoso.challenges.services.reviewers import reviewer_add
from kyoso.challenges.tests.factories import ChallengeFactory
from kyoso.challenges.tests.test_posting import valid_data
from kyoso.challenges.tests.test_proposals import DATA
from kyoso.projects.models import Project
from kyoso.screening import selectors as screening
from kyoso.screening.services import decision_record
from kyoso.screening.services.scoring import refusal_to_score


@pytest.fixture
def published(city, city_admin):
    challenge = ChallengeFactory(organization=city, status=ChallengeStatus.DRAFT, published_at=None)
    return challenge_publish(actor=city_admin, challenge=challenge)


def test_publishing_creates_the_round_with_the_challenges_criteria(client, published):
    round_ = screening.round_get(published.screening_round_id)
    assert [(c.name, c.weight) for c in screening.criteria_of(round_)] == [
        ("実現可能性", 40),
        ("費用対効果", 30),
        ("地域への波及", 30),
    ]
    page = client.get(reverse("challenges:detail", args=[published.pk])).content.decode()
    assert "実現可能性" in page and "1年以内に実証できるか" in page


def test_changed_criteria_go_to_the_round(published, city_admin):
    criteria = [{"name": "新規性", "weight": 100, "description": ""}]
    challenge_update(actor=city_admin, challenge=published, data=valid_data(criteria=criteria))
    round_ = screening.round_get(published.screening_round_id)
    assert [c.name for c in screening.criteria_of(round_)] == ["新規性"]


def test_a_decision_in_the_screening_app_reaches_the_proposal(
    published, city_admin, company, company_admin, rival, rival_admin
):
    chosen = proposal_submit(
        actor=company_admin, challenge=published, organization=company, data=DATA
    )
    other = proposal_submit(actor=rival_admin, challenge=published, organization=rival, data=DATA)
    round_ = screening.round_get(published.screening_round_id)
    items = {i.subject_id: i for i in round_.items.all()}
    assert set(items) == {chosen.pk, other.pk}
    decision_record(
        actor=city_admin, item=items[chosen.pk], outcome="selected", reason="実証の計画が具体的"
    )
    decision_record(
        actor=city_admin, item=items[other.pk], outcome="not_selected", reason="費用が予算超過"
    )
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert Project.objects.get(pk=chosen.project_id).stage == "trial"
    assert other.outcome == ProposalOutcome.NOT_SELECTED
    assert other.outcome_reason == "費用が予算超過"
    published.refresh_from_db()
    assert published.status == ChallengeStatus.DECIDED


def test_a_reviewer_from_the_proposing_company_cannot_score_it(
    published, city_admin, company, company_admin, rival, rival_admin
):
    proposal = proposal_submit(
        actor=company_admin, challenge=published, organization=company, data=DATA
    )
    reviewer_add(actor=city_admin, challenge=published, email=company_admin.email)
    round_ = screening.round_get(published.screening_round_id)
    item = round_.items.get(subject_id=proposal.pk)
    assert refusal_to_score(company_admin, item) is not None


def test_reviewers_are_chosen_by_the_posters_managers_only(published, company_admin, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        reviewer_add(actor=company_admin, challenge=published, email=outsider.email)


def test_an_unknown_reviewer_email_is_refused(published, city_admin):
    with pytest.raises(ChallengeError) as refused:
        reviewer_add(actor=city_admin, challenge=published, email="nobody@example.jp")
    assert refused.value.message == messages.REVIEWER_NOT_FOUND


def test_a_reviewer_reads_proposals_and_a_non_reviewer_gets_404(
    client, published, city_admin, company, company_admin, outsider
):
    proposal = proposal_submit(
        actor=company_admin, challenge=published, organization=company, data=DATA
    )
    url = reverse("challenges:proposal", args=[proposal.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    reviewer_add(actor=city_admin, challenge=published, email=outsider.email)
    assert client.get(url).status_code == 200


def test_the_selected_proposer_is_the_trial_projects_partner(
    client, published, city_admin, company, company_admin
):
    from kyoso.projects.models import ProjectPartner
    from kyoso.projects.services.partners import project_partner_add

    chosen = proposal_submit(
        actor=company_admin, challenge=published, organization=company, data=DATA
    )
    round_ = screening.round_get(published.screening_round_id)
    item = round_.items.get(subject_id=chosen.pk)
    decision_record(actor=city_admin, item=item, outcome="selected", reason="計画が具体的")
    chosen.refresh_from_db()
    partner = ProjectPartner.objects.get(project_id=chosen.project_id)
    assert partner.organization_id == company.pk
    assert partner.via == f"challenge:{published.pk}:proposal:{chosen.pk}"
    project = Project.objects.get(pk=chosen.project_id)
    again = project_partner_add(actor=city_admin, project=project, organization_id=company.pk)
    assert again.pk == partner.pk and ProjectPartner.objects.count() == 1
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "連携：" in page and "ミライセンサー" in page


def test_only_the_projects_leads_attach_a_partner(published, city_admin, company, company_admin):
    from django.core.exceptions import PermissionDenied

    from kyoso.projects.services.partners import project_partner_add

    chosen = proposal_submit(
        actor=company_admin, challenge=published, organization=company, data=DATA
    )
    round_ = screening.round_get(published.screening_round_id)
    decision_record(
        actor=city_admin,
        item=round_.items.get(subject_id=chosen.pk),
        outcome="selected",
        reason="計画が具体的",
    )
    chosen.refresh_from_db()
    project = Project.objects.get(pk=chosen.project_id)
    with pytest.raises(PermissionDenied):
        project_partner_add(actor=company_admin, project=project, organization_id=company.pk)
