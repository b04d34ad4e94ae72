"""Two clicks of the same organization proposing at once (real threads, each on its own
database connection, kyoso.core.concurrency_testing) end as one proposal and one screening
item; the other click is told the organization already proposed."""

from __future__ import annotations

import pytest

from kyoso.challenges.models import ChallengeStatus, Proposal
from kyoso.challenges.services.challenges import challenge_publish
from kyoso.challenges.services.common import ChallengeError
from kyoso.challenges.services.proposals import proposal_submit
from kyoso.challenges.tests.factories import ChallengeFactory
from kyoso.challenges.tests.test_proposals import DATA
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_proposals_of_one_organization_are_one(
    tmp_path, city, city_admin, company, company_admin
):
    challenge = challenge_publish(
        actor=city_admin,
        challenge=ChallengeFactory(
            organization=city, status=ChallengeStatus.DRAFT, published_at=None
        ),
    )

    def propose():
        from kyoso.challenges.models import Challenge
        from kyoso.orgs.models import Organization

        try:
            proposal_submit(
                actor=company_admin,
                challenge=Challenge.objects.get(pk=challenge.pk),
                organization=Organization.objects.get(pk=company.pk),
                data=DATA,
            )
        except ChallengeError as error:
            return error.code
        return "done"

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [propose, propose])
        state = read(
            open_connection,
            lambda: list(
                Proposal.objects.filter(challenge_id=challenge.pk).values_list(
                    "organization_id", flat=True
                )
            ),
        )
        from kyoso.screening.models import ScreeningItem

        items = read(
            open_connection,
            lambda: ScreeningItem.objects.filter(round_id=challenge.screening_round_id).count(),
        )
    assert sorted(answers) == ["already_proposed", "done"]
    assert state == [company.pk]
    assert items == 1
