"""Every object URL of challenges and screening, opened by five kinds of viewer: anonymous, an
unrelated signed-in person, a member of another proposing organization, a reviewer of the
round and the poster's admin. Whoever may not know an object exists gets a 404 (never a 403
nor a login page that confirms it), and nothing private leaks through search, the feed, the
map or the API."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.challenges.models import ChallengeStatus, ProposalAttachment
from kyoso.challenges.services.challenges import challenge_publish
from kyoso.challenges.services.proposals import proposal_submit
from kyoso.challenges.services.reviewers import reviewer_add
from kyoso.challenges.tests.factories import ChallengeFactory
from kyoso.challenges.tests.test_proposals import DATA
from kyoso.screening import selectors as screening

SECRET = "秘密の手法：独自の雪量予測アルゴリズム"
DRAFT_TITLE = "下書きの非公開チャレンジ"
VIEWERS = ["anonymous", "outsider", "rival_admin", "reviewer", "city_admin"]


@pytest.fixture
def world(city, city_admin, company, company_admin, rival, rival_admin):
    challenge = challenge_publish(
        actor=city_admin,
        challenge=ChallengeFactory(
            organization=city, status=ChallengeStatus.DRAFT, published_at=None
        ),
    )
    proposal = proposal_submit(
        actor=company_admin,
        challenge=challenge,
        organization=company,
        data={**DATA, "approach": SECRET},
    )
    proposal_submit(actor=rival_admin, challenge=challenge, organization=rival, data=DATA)
    attachment = ProposalAttachment(proposal=proposal, original_name="a.pdf", size=9)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    reviewer = UserFactory(email="yamada@example.jp", display_name="山田")
    reviewer_add(actor=city_admin, challenge=challenge, email=reviewer.email)
    round_ = screening.round_get(challenge.screening_round_id)
    item = round_.items.get(subject_id=proposal.pk)
    draft = ChallengeFactory(
        organization=city, status=ChallengeStatus.DRAFT, published_at=None, title=DRAFT_TITLE
    )
    return {
        "challenge": challenge,
        "proposal": proposal,
        "attachment": attachment,
        "round": round_,
        "item": item,
        "draft": draft,
        "reviewer": reviewer,
    }


def _urls(w) -> dict[str, str]:
    r, i = w["round"].pk, w["item"].pk
    return {
        "draft": reverse("challenges:detail", args=[w["draft"].pk]),
        "draft_edit": reverse("challenges:edit", args=[w["draft"].pk]),
        "draft_propose": reverse("challenges:propose", args=[w["draft"].pk]),
        "draft_reviewers": reverse("challenges:reviewers", args=[w["draft"].pk]),
        "challenge": reverse("challenges:detail", args=[w["challenge"].pk]),
        "challenge_edit": reverse("challenges:edit", args=[w["challenge"].pk]),
        "proposals": reverse("challenges:proposals", args=[w["challenge"].pk]),
        "proposal": reverse("challenges:proposal", args=[w["proposal"].pk]),
        "attachment": reverse("challenges:attachment", args=[w["proposal"].pk, w["attachment"].pk]),
        "round": reverse("screening:round", args=[r]),
        "item": reverse("screening:item", args=[r, i]),
        "summary": reverse("screening:summary", args=[r]),
        "csv": reverse("screening:scores_csv", args=[r]),
        "api_draft": f"/api/v1/challenges/{w['draft'].pk}",
        "api_draft_questions": f"/api/v1/challenges/{w['draft'].pk}/questions",
        "api_challenge": f"/api/v1/challenges/{w['challenge'].pk}",
        "api_round": f"/api/v1/screenings/{r}",
    }


# URL → expected status for each viewer, in the order of VIEWERS.
NF = 404
EXPECTED: dict[str, tuple[int, ...]] = {
    "draft": (NF, NF, NF, NF, 200),
    "draft_edit": (NF, NF, NF, NF, 200),
    "draft_propose": (NF, NF, NF, NF, 403),
    "draft_reviewers": (NF, NF, NF, NF, 403),
    "challenge": (200, 200, 200, 200, 200),
    "challenge_edit": (302, 403, 403, 403, 200),
    "proposals": (NF, NF, NF, 200, 200),
    "proposal": (NF, NF, NF, 200, 200),
    "attachment": (NF, NF, NF, 200, 200),
    "round": (NF, NF, NF, 200, 200),
    "item": (NF, NF, NF, 200, 200),
    "summary": (NF, NF, NF, 403, 200),
    "csv": (NF, NF, NF, 403, 200),
    "api_draft": (NF, NF, NF, NF, 200),
    "api_draft_questions": (NF, NF, NF, NF, 200),
    "api_challenge": (200, 200, 200, 200, 200),
    "api_round": (401, NF, NF, 200, 200),  # the router asks every caller to sign in first
}


def _login(client, request, world, who):
    if who == "anonymous":
        return
    user = world["reviewer"] if who == "reviewer" else request.getfixturevalue(who)
    client.force_login(user)


@pytest.mark.parametrize("who", VIEWERS)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_every_object_url_for_every_viewer(client, request, world, who, name):
    _login(client, request, world, who)
    response = client.get(_urls(world)[name])
    assert response.status_code == EXPECTED[name][VIEWERS.index(who)], (name, who)
    if response.status_code == 404:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in body and DRAFT_TITLE.encode() not in body


@pytest.mark.parametrize("who", VIEWERS[:4])
def test_no_leak_through_search_feed_map_or_api(client, request, world, who):
    from kyoso.search.services import index_object

    draft = world["draft"]
    draft.latitude, draft.longitude = 38.9, 139.8
    draft.save()
    index_object(draft)
    index_object(world["challenge"])
    _login(client, request, world, who)
    bodies = [
        client.get(reverse("challenges:list")),
        client.get(reverse("challenges:feed")),
        client.get(reverse("challenges:map")),
        client.get(reverse("core:search"), {"q": "下書き"}),
        client.get(reverse("core:search"), {"q": "雪量予測"}),
        client.get("/api/v1/search", {"q": "下書き"}),
        client.get("/api/v1/challenges"),
        client.get(f"/api/v1/challenges/{world['challenge'].pk}/proposals"),
    ]
    for response in bodies:
        text = response.content.decode()
        assert DRAFT_TITLE not in text and "独自の雪量予測" not in text, response.request


def test_a_reviewer_of_a_proposing_organization_reads_no_ones_scores(
    world, city_admin, rival_admin
):
    """高橋 reviews, and his 庄内テック also proposed: he may score ミライセンサー's proposal but
    never read the other reviewers' scores of any proposal (they compete with his own)."""
    from kyoso.screening.services import scores_submit

    challenge, item = world["challenge"], world["item"]
    reviewer_add(actor=city_admin, challenge=challenge, email=rival_admin.email)
    criteria = screening.criteria_of(world["round"])
    values = {c.pk: (4, "") for c in criteria}
    scores_submit(actor=world["reviewer"], item=item, values=values)
    fresh = screening.round_get(challenge.screening_round_id)
    item = fresh.items.get(pk=item.pk)
    scores_submit(actor=rival_admin, item=item, values=values)
    fresh = screening.round_get(challenge.screening_round_id)
    assert screening.item_scores(fresh.items.get(pk=item.pk), rival_admin) is None
    fresh = screening.round_get(challenge.screening_round_id)
    assert len(screening.item_scores(fresh.items.get(pk=item.pk), world["reviewer"]) or []) == 2
    fresh = screening.round_get(challenge.screening_round_id)
    assert len(screening.item_scores(fresh.items.get(pk=item.pk), city_admin) or []) == 2
