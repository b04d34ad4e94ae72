"""Proposals: one per organization, of a kind the challenge takes, until the deadline (the day
itself included), editable until then, with PDFs checked by their bytes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kyoso.challenges import messages
from kyoso.challenges.models import Proposal
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.services.proposals import (
    Upload,
    check_pdf,
    proposal_submit,
    proposal_update,
)
from kyoso.challenges.tests.factories import in_days, org_with_manager
from kyoso.notifications.models import Notification
from kyoso.orgs.models import OrganizationType

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DATA = {
    "summary": "積雪センサーで出動を判断",
    "approach": "センサー20か所と予測モデル",
    "team": "3名",
    "cost_yen": 2_000_000,
    "timeline": "4月から",
}


def test_a_company_proposes_and_the_city_is_told(challenge, company, company_admin, city_admin):
    proposal = proposal_submit(
        actor=company_admin,
        challenge=challenge,
        organization=company,
        data=DATA,
        uploads=[Upload("提案書.pdf", PDF)],
    )
    assert proposal.attachments.get().original_name == "提案書.pdf"
    assert Notification.objects.filter(kind="challenges.proposal", recipient=city_admin).exists()


def test_a_second_proposal_from_the_same_organization_is_refused(challenge, company, company_admin):
    proposal_submit(actor=company_admin, challenge=challenge, organization=company, data=DATA)
    with pytest.raises(ChallengeError) as refused:
        proposal_submit(actor=company_admin, challenge=challenge, organization=company, data=DATA)
    assert refused.value.message == messages.ALREADY_PROPOSED
    assert Proposal.objects.count() == 1


def test_no_proposal_after_the_deadline(challenge, company, company_admin):
    with pytest.raises(ChallengeError) as refused:
        proposal_submit(
            actor=company_admin,
            challenge=challenge,
            organization=company,
            data=DATA,
            today=in_days(21),
        )
    assert refused.value.message == messages.PROPOSALS_CLOSED % {
        "date": challenge.proposals_until.isoformat()
    }
    proposal_submit(
        actor=company_admin, challenge=challenge, organization=company, data=DATA, today=in_days(20)
    )


def test_editing_is_allowed_until_the_deadline_only(challenge, company, company_admin):
    proposal = proposal_submit(
        actor=company_admin, challenge=challenge, organization=company, data=DATA
    )
    proposal_update(actor=company_admin, proposal=proposal, data={**DATA, "summary": "改訂版"})
    proposal.refresh_from_db()
    assert proposal.summary == "改訂版"
    with pytest.raises(ChallengeError) as refused:
        proposal_update(
            actor=company_admin,
            proposal=proposal,
            data={**DATA, "summary": "遅い"},
            today=in_days(21),
        )
    assert refused.value.code == "deadline_passed"
    proposal.refresh_from_db()
    assert proposal.summary == "改訂版"


def test_another_organization_may_not_edit(challenge, company, company_admin, rival_admin):
    proposal = proposal_submit(
        actor=company_admin, challenge=challenge, organization=company, data=DATA
    )
    with pytest.raises(PermissionDenied):
        proposal_update(actor=rival_admin, proposal=proposal, data=DATA)


def test_an_organization_of_a_kind_not_asked_is_refused(challenge, db):
    npo = org_with_manager(org_type=OrganizationType.NPO)
    with pytest.raises(ChallengeError) as refused:
        proposal_submit(
            actor=npo.memberships.get().user, challenge=challenge, organization=npo, data=DATA
        )
    assert refused.value.message == messages.ORGANIZATION_NOT_ELIGIBLE


def test_one_may_propose_only_as_an_organization_one_manages(challenge, company, rival_admin):
    with pytest.raises(ChallengeError) as refused:
        proposal_submit(actor=rival_admin, challenge=challenge, organization=company, data=DATA)
    assert refused.value.message == messages.ORGANIZATION_REQUIRED


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "file_empty"),
        (b"MZ\x90\x00 not a pdf", "file_not_pdf"),
        (b"<html>%PDF-</html>", "file_not_pdf"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "file_too_large"),
    ],
)
def test_attachments_must_be_real_pdfs_within_the_limit(content, code):
    with pytest.raises(ChallengeError) as refused:
        check_pdf("提案書.pdf", content)
    assert refused.value.code == code


def test_more_than_three_files_are_refused(challenge, company, company_admin):
    with pytest.raises(ChallengeError) as refused:
        proposal_submit(
            actor=company_admin,
            challenge=challenge,
            organization=company,
            data=DATA,
            uploads=[Upload(f"{i}.pdf", PDF) for i in range(4)],
        )
    assert refused.value.message == messages.TOO_MANY_FILES % {"max": 3}
    assert not Proposal.objects.exists()
