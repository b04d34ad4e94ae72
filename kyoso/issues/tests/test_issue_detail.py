"""The issue page: what it shows (facets, poster, merged pointer, hidden reason) and its query
count, which does not grow with the number of comments, tags or stage changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import IssueTag, Stage
from kyoso.issues.tests.factories import (
    CommentFactory,
    IssueFactory,
    IssueTagFactory,
    StageChangeFactory,
    hidden,
    merged,
)


def detail(issue) -> str:
    return reverse("issues:detail", args=[issue.pk])


def test_the_page_shows_facets_municipality_stage_and_poster(client, poster, organization):
    issue = IssueFactory(
        author=poster,
        organization=organization,
        municipality_id="06204",
        stage=Stage.IN_ACTION,
        body="## 背景\n\n農家の**後継者**がいない。",
    )
    for kind, value in [
        (IssueTag.Kind.THEME, "agriculture"),
        (IssueTag.Kind.SDG, "sdg02"),
        (IssueTag.Kind.TARGET, "youth"),
        (IssueTag.Kind.WALL, "talent"),
    ]:
        IssueTagFactory(issue=issue, kind=kind, value=value)

    page = client.get(detail(issue)).content.decode()

    for text in ("農林水産業", "2 飢餓をゼロに", "若者", "人材育成の壁", "山形県酒田市", "取組中"):
        assert text in page
    assert "<h3>背景</h3>" in page  # Markdown headings move below the page's own
    assert "<strong>後継者</strong>" in page
    assert f"{organization.name}（投稿：{poster.display_name}）" in page


def test_a_merged_issue_points_to_its_target(client, db):
    issue = merged(title="重複した課題")

    page = client.get(detail(issue)).content.decode()

    assert "この課題は次の課題に統合されました。" in page
    assert f'href="{detail(issue.merged_into)}"' in page


def test_the_author_sees_the_hidden_reason_others_get_404(client, poster, takahashi, sato):
    issue = hidden(author=poster)

    client.force_login(poster)
    own = client.get(detail(issue))
    client.force_login(sato)
    secretariat = client.get(detail(issue))
    client.force_login(takahashi)
    other = client.get(detail(issue))
    client.logout()
    anonymous = client.get(detail(issue))

    assert "個人情報が含まれていました。" in own.content.decode()
    assert secretariat.status_code == 200
    assert other.status_code == 404
    assert anonymous.status_code == 404


@pytest.mark.parametrize("size", [1, 10])
def test_constant_queries_for_anonymous_visitors(client, db, size):
    issue = IssueFactory(municipality_id="04101", themes=["housing"])
    for n in range(size):
        top = CommentFactory(issue=issue, body=f"コメント{n}")
        CommentFactory(issue=issue, parent=top, body=f"返信{n}")
        IssueTagFactory(issue=issue, kind=IssueTag.Kind.SDG, value=f"sdg{n + 1:02d}")
        StageChangeFactory(issue=issue, from_stage=Stage.SEED, to_stage=Stage.SURFACED)

    # 1 the issue with poster, organization, municipality, merge target, offer count,
    # 2 tags, 3 stage changes with their actors, 4 attachments, 5 comments with authors,
    # 6 the projects taking the issue up
    with assert_num_queries(6, label=f"{size} of each"):
        response = client.get(detail(issue))

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 10])
def test_constant_queries_for_the_poster_who_reads_the_offers(client, poster, size):
    from kyoso.issues.models import HelpOffer

    issue = IssueFactory(author=poster)
    for n in range(size):
        CommentFactory(issue=issue)
        HelpOffer.objects.create(
            issue=issue, user=CommentFactory().author, kinds=["time"], message=f"{n}"
        )
    client.force_login(poster)

    # 1 session, 2 user, 3 roles, 4 the issue with the viewer's empathy, follow, offer and
    # role in the organization, 5 tags, 6 stage changes, 7 attachments, 8 comments,
    # 9 offers with the people who made them, 10 the projects taking the issue up
    with assert_num_queries(10, label=f"{size} of each"):
        response = client.get(detail(issue))

    assert response.status_code == 200


def test_the_similar_endpoint_answers_a_fragment(client, db):
    response = client.get(reverse("issues:similar"), {"title": "あ"})
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
