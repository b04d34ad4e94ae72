"""The screening subject ``challenges.proposal`` (kyoso.screening.subjects.SubjectAdapter):
what a reviewer sees of a proposal, and what a decision does to it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class ProposalAdapter:
    def describe(self, subject_ids: Iterable[int]) -> dict[int, Any]:
        """Title, proposing organization, its people and the proposal's URL (2 queries)."""
        from kyoso.challenges.models import Proposal
        from kyoso.challenges.services.proposals import proposal_url
        from kyoso.orgs.models import Membership
        from kyoso.screening.subjects import SubjectInfo

        proposals = list(
            Proposal.objects.filter(pk__in=list(subject_ids))
            .select_related("organization")
            .only("organization__name", "submitted_by_id", "summary")
        )
        people: dict[int, set[int]] = {}
        for org_id, user_id in Membership.objects.filter(
            organization_id__in={p.organization_id for p in proposals}
        ).values_list("organization_id", "user_id"):
            people.setdefault(org_id, set()).add(user_id)
        result = {}
        for p in proposals:
            persons = set(people.get(p.organization_id, set()))
            if p.submitted_by_id:
                persons.add(p.submitted_by_id)
            result[p.pk] = SubjectInfo(
                title=f"{p.organization.name}: {p.summary[:60]}",
                organization_id=p.organization_id,
                person_ids=frozenset(persons),
                url=proposal_url(p),
            )
        return result

    def decided(self, *, subject_id: int, outcome: str, reason: str, actor: Any) -> None:
        from kyoso.challenges.services.proposals import proposal_decided

        proposal_decided(proposal_id=subject_id, outcome=outcome, reason=reason, actor=actor)
