"""What a decision does: the selected proposal becomes a trial project run by the poster at
the stage 実験 with the proposer's people as members; the challenge is decided; the one not
selected reads the reason on its page."""

from __future__ import annotations

from django.urls import reverse

from kyoso.challenges.models import ChallengeStatus, ProposalOutcome
from kyoso.challenges.services.proposals import proposal_decided
from kyoso.challenges.tests.factories import ProposalFactory
from kyoso.notifications.models import Notification
from kyoso.projects.models import Membership, Project


def test_selection_starts_a_trial_project(challenge, city, city_admin, company, company_admin):
    proposal = ProposalFactory(
        challenge=challenge, organization=company, submitted_by=company_admin
    )
    proposal_decided(
        proposal_id=proposal.pk, outcome="selected", reason="実現性が高い", actor=city_admin
    )
    proposal.refresh_from_db()
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.DECIDED
    project = Project.objects.get(pk=proposal.project_id)
    assert project.stage == "trial"
    assert project.organization_id == city.pk
    members = set(Membership.objects.filter(project=project).values_list("user_id", flat=True))
    assert members == {city_admin.pk, company_admin.pk}
    assert Notification.objects.filter(kind="challenges.decision", recipient=company_admin).exists()


def test_the_one_not_selected_reads_its_reason(
    client, challenge, city_admin, rival, rival_admin, company, company_admin
):
    chosen = ProposalFactory(challenge=challenge, organization=company)
    other = ProposalFactory(challenge=challenge, organization=rival, submitted_by=rival_admin)
    proposal_decided(proposal_id=chosen.pk, outcome="selected", reason="実現性", actor=city_admin)
    proposal_decided(
        proposal_id=other.pk,
        outcome="not_selected",
        reason="費用が予算を超えていました。",
        actor=city_admin,
    )
    other.refresh_from_db()
    assert other.outcome == ProposalOutcome.NOT_SELECTED and other.project_id is None
    client.force_login(rival_admin)
    page = client.get(reverse("challenges:proposal", args=[other.pk])).content.decode()
    assert "費用が予算を超えていました。" in page
    # The selected summary is public on the challenge page; the other's is not.
    client.logout()
    detail = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert chosen.summary in detail
    assert other.approach not in detail
