"""Who may open what: every object URL of the app with other accounts. A proposal is a 404
for anyone but its organization and the poster's reviewers; a draft is a 404-or-login for
everyone but the poster's managers; nothing of a proposal leaks through the list, search,
feed, map or the data download of someone else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.challenges.models import ChallengeStatus
from kyoso.challenges.tests.factories import ChallengeFactory, ProposalFactory

SECRET = "秘密の手法：独自の雪量予測アルゴリズム"


@pytest.fixture
def proposal(challenge, company, company_admin):
    from kyoso.challenges.models import ProposalAttachment

    proposal = ProposalFactory(
        challenge=challenge, organization=company, submitted_by=company_admin, approach=SECRET
    )
    from django.core.files.base import ContentFile

    attachment = ProposalAttachment(proposal=proposal, original_name="a.pdf", size=9)
    attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    proposal.attachment = attachment
    return proposal


def _proposal_urls(proposal) -> list[str]:
    return [
        reverse("challenges:proposal", args=[proposal.pk]),
        reverse("challenges:proposal_edit", args=[proposal.pk]),
        reverse("challenges:attachment", args=[proposal.pk, proposal.attachment.pk]),
    ]


@pytest.mark.parametrize("who", ["rival_admin", "outsider"])
def test_another_proposer_or_a_stranger_gets_404_for_every_proposal_url(
    client, request, proposal, who
):
    client.force_login(request.getfixturevalue(who))
    for url in _proposal_urls(proposal):
        assert client.get(url).status_code == 404, url
    remove = reverse("challenges:attachment_remove", args=[proposal.pk, proposal.attachment.pk])
    assert client.post(remove).status_code == 404
    assert (
        client.get(reverse("challenges:proposals", args=[proposal.challenge_id])).status_code == 404
    )


def test_anonymous_visitors_get_404_for_a_proposal(client, proposal):
    for url in _proposal_urls(proposal):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("who", ["company_admin", "city_admin"])
def test_the_proposer_and_the_poster_read_the_proposal(client, request, proposal, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(_proposal_urls(proposal)[0])
    assert page.status_code == 200 and SECRET in page.content.decode()
    download = client.get(_proposal_urls(proposal)[2])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_the_poster_does_not_edit_a_proposal(client, proposal, city_admin):
    client.force_login(city_admin)
    assert client.get(_proposal_urls(proposal)[1]).status_code == 403


def test_a_draft_is_seen_by_its_posters_managers_only(client, city, city_admin, company_admin):
    draft = ChallengeFactory(organization=city, status=ChallengeStatus.DRAFT, published_at=None)
    url = reverse("challenges:detail", args=[draft.pk])
    assert client.get(url).status_code == 404  # no login page that confirms it exists
    client.force_login(company_admin)
    assert client.get(url).status_code == 404
    client.force_login(city_admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("challenges:edit", args=[draft.pk])).status_code == 200


def test_others_may_not_edit_publish_close_or_manage_reviewers(client, challenge, company_admin):
    client.force_login(company_admin)
    assert client.get(reverse("challenges:edit", args=[challenge.pk])).status_code == 403
    assert client.post(reverse("challenges:close", args=[challenge.pk])).status_code == 403
    assert client.post(reverse("challenges:publish", args=[challenge.pk])).status_code == 403
    assert client.get(reverse("challenges:reviewers", args=[challenge.pk])).status_code == 403


def test_only_managers_of_a_verified_poster_kind_see_the_form(client, city, city_admin, company):
    from kyoso.challenges.tests.factories import org_with_manager
    from kyoso.orgs.models import OrganizationType

    client.force_login(city_admin)
    assert client.get(reverse("challenges:create") + "?organization=sakata").status_code == 200
    unverified = org_with_manager(
        city_admin, org_type=OrganizationType.LOCAL_GOVERNMENT, verified=False, slug="unv"
    )
    assert (
        client.get(reverse("challenges:create") + f"?organization={unverified.slug}").status_code
        == 403
    )
    npo = org_with_manager(city_admin, org_type=OrganizationType.NPO, slug="npo")
    assert client.get(reverse("challenges:create") + f"?organization={npo.slug}").status_code == 403
    assert (
        client.get(reverse("challenges:create") + "?organization=mirai-sensor").status_code == 403
    )


def test_no_leak_through_list_feed_map_and_search(client, proposal, outsider):
    from kyoso.search.services import index_object

    challenge = proposal.challenge
    challenge.latitude, challenge.longitude = 38.914, 139.836
    challenge.save()
    index_object(challenge)
    draft = ChallengeFactory(
        organization=challenge.organization,
        status=ChallengeStatus.DRAFT,
        published_at=None,
        title="下書きの非公開チャレンジ",
        latitude=38.9,
        longitude=139.8,
    )
    index_object(draft)
    client.force_login(outsider)
    pages = [
        client.get(reverse("challenges:list")).content.decode(),
        client.get(reverse("challenges:feed")).content.decode(),
        client.get(reverse("challenges:map")).content.decode(),
        client.get(reverse("core:search"), {"q": "雪量予測"}).content.decode(),
        client.get(reverse("core:search"), {"q": "下書き"}).content.decode(),
        client.get("/api/v1/search", {"q": "雪量予測"}).content.decode(),
    ]
    for page in pages:
        assert SECRET not in page and "独自の雪量予測" not in page
        assert "下書きの非公開チャレンジ" not in page
    assert (
        challenge.title in pages[0] and challenge.title in pages[1] and challenge.title in pages[2]
    )
    found = client.get(reverse("core:search"), {"q": "除雪", "type": "challenges"})
    assert challenge.title in found.content.decode()


def test_the_data_download_holds_ones_own_questions_not_others(
    proposal, company_admin, rival_admin
):
    from kyoso.challenges.personal_data import export
    from kyoso.challenges.services.qa import question_ask

    question_ask(actor=company_admin, challenge=proposal.challenge, text="鈴木の質問")
    assert [q["question"] for q in export(company_admin)["questions"]] == ["鈴木の質問"]
    assert export(rival_admin)["questions"] == []
    assert export(company_admin)["proposals_submitted"][0]["id"] == proposal.pk
