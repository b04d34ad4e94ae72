"""The demo's challenges: 酒田市 asks companies (with public Q&A and two proposals, screened in
a round with its criteria) and a company asks municipalities (逆プロポ) and 酒田市 proposes;
both listed and searchable, loaded once."""

from kyoso.challenges import screening_link
from kyoso.challenges.models import Challenge, Direction, Proposal
from kyoso.demo.data.challenges import CHALLENGES
from kyoso.demo.services import demo_load
from kyoso.search.services import search


class TestDemoChallenges:
    """One demo load, shared by the class (kyoso/demo/testing.py)."""

    def test_both_directions_with_questions_and_proposals(self, loaded_demo, db):
        challenges = {
            c.organization.slug: c for c in Challenge.objects.select_related("organization")
        }
        assert set(challenges) == {"sakata-city", "proto-solution"}
        sakata, reverse = challenges["sakata-city"], challenges["proto-solution"]
        assert sakata.direction == Direction.MUNICIPALITY_POSTS
        assert reverse.direction == Direction.COMPANY_POSTS
        assert sakata.questions.exclude(answer="").count() == 2
        assert {p.organization.slug for p in Proposal.objects.filter(challenge=sakata)} == {
            "tohoku-epco",
            "ntt-east",
        }
        assert [p.organization.slug for p in Proposal.objects.filter(challenge=reverse)] == [
            "sakata-city"
        ]
        assert [c.name for c in screening_link.criteria(sakata)] == [
            "実現可能性",
            "費用対効果",
            "地域への波及",
        ]
        hits = search("除雪", viewer=None, types=["challenges"]).items
        assert [hit.title for hit in hits] == [CHALLENGES[0]["title"]]

    def test_loading_twice_adds_no_challenge(self, loaded_demo, db):
        second = demo_load()

        assert Challenge.objects.count() == len(CHALLENGES)
        assert second.created.get("challenges", 0) == 0
