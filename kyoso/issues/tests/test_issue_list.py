"""The issue list: filters, sorts, keyset pages, who sees what, and a constant number of
queries whatever the number of issues on the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.keyset import CursorInvalid
from kyoso.core.testing import assert_num_queries
from kyoso.issues import selectors
from kyoso.issues.models import Issue, IssueTag, Stage
from kyoso.issues.tests.factories import IssueFactory, IssueTagFactory, hidden

URL = reverse("issues:list")


def titles(response) -> list[str]:
    return [issue.title for issue in response.context["page"].items]


def test_newest_first_by_default(client, db):
    IssueFactory(title="古い")
    IssueFactory(title="新しい")

    assert titles(client.get(URL)) == ["新しい", "古い"]


def test_sort_by_empathy_and_by_recent_activity(client, db):
    now = timezone.now()
    quiet = IssueFactory(title="静か", empathy_count=1)
    loved = IssueFactory(title="共感が多い", empathy_count=30)
    busy = IssueFactory(title="最近動いた", empathy_count=5)
    Issue.objects.filter(pk=quiet.pk).update(last_activity_at=now - timedelta(days=3))
    Issue.objects.filter(pk=loved.pk).update(last_activity_at=now - timedelta(days=2))
    Issue.objects.filter(pk=busy.pk).update(last_activity_at=now)

    assert titles(client.get(URL, {"sort": "empathy"})) == ["共感が多い", "最近動いた", "静か"]
    assert titles(client.get(URL, {"sort": "activity"})) == ["最近動いた", "共感が多い", "静か"]


def test_filters_by_stage_theme_sdg_target_wall(client, db):
    match = IssueFactory(title="当たり", stage=Stage.SURFACED)
    for kind, value in [
        (IssueTag.Kind.THEME, "housing"),
        (IssueTag.Kind.SDG, "sdg11"),
        (IssueTag.Kind.TARGET, "elderly"),
        (IssueTag.Kind.WALL, "budget"),
    ]:
        IssueTagFactory(issue=match, kind=kind, value=value)
    near_miss = IssueFactory(title="段階だけ違う", stage=Stage.SEED)
    for kind, value in [
        (IssueTag.Kind.THEME, "housing"),
        (IssueTag.Kind.SDG, "sdg11"),
        (IssueTag.Kind.TARGET, "elderly"),
        (IssueTag.Kind.WALL, "budget"),
    ]:
        IssueTagFactory(issue=near_miss, kind=kind, value=value)
    IssueFactory(title="テーマだけ違う", stage=Stage.SURFACED, themes=["mobility"])

    everything = {
        "stage": "surfaced",
        "theme": "housing",
        "sdg": "sdg11",
        "target": "elderly",
        "wall": "budget",
    }
    assert titles(client.get(URL, everything)) == ["当たり"]
    assert set(titles(client.get(URL, {"theme": "housing"}))) == {"当たり", "段階だけ違う"}
    assert titles(client.get(URL, {"wall": "precedent"})) == []


def test_filters_by_municipality_with_wards_and_by_prefecture(client, db):
    IssueFactory(title="青葉区", municipality_id="04101")
    IssueFactory(title="仙台市", municipality_id="04100")
    IssueFactory(title="石巻市", municipality_id="04202")
    IssueFactory(title="酒田市", municipality_id="06204")
    IssueFactory(title="場所なし")

    sendai = set(titles(client.get(URL, {"municipality": "04100"})))
    aoba = titles(client.get(URL, {"municipality": "04101"}))
    miyagi = set(titles(client.get(URL, {"prefecture": "04"})))

    assert sendai == {"青葉区", "仙台市"}
    assert aoba == ["青葉区"]
    assert miyagi == {"青葉区", "仙台市", "石巻市"}


def test_hidden_issues_are_never_listed_and_awaiting_ones_only_to_author_and_secretariat(
    client, poster, sato, takahashi
):
    IssueFactory(title="公開")
    hidden(title="非表示", author=poster)
    IssueFactory(title="確認待ち", author=poster, awaiting_review=True)

    anonymous = set(titles(client.get(URL)))
    client.force_login(takahashi)
    member = set(titles(client.get(URL)))
    client.force_login(poster)
    author = set(titles(client.get(URL)))
    client.force_login(sato)
    secretariat = set(titles(client.get(URL)))

    assert anonymous == member == {"公開"}
    assert author == {"公開", "確認待ち"}
    assert secretariat == {"公開", "確認待ち"}


def test_keyset_pages_walk_every_issue_once_even_with_ties(client, db):
    issues = IssueFactory.create_batch(45)
    # Ties on the sort key: every issue has the same empathy count and creation time.
    same_time = timezone.now() - timedelta(days=1)
    Issue.objects.update(empathy_count=3, created_at=same_time)

    for sort in ("new", "empathy", "activity"):
        seen: list[int] = []
        params = {"sort": sort}
        pages = 0
        while True:
            page = client.get(URL, params).context["page"]
            seen.extend(issue.pk for issue in page.items)
            pages += 1
            if not page.next_cursor:
                break
            params = {"sort": sort, "after": page.next_cursor}
        assert pages == 3
        assert sorted(seen) == sorted(issue.pk for issue in issues)
        assert len(seen) == len(set(seen))


def test_the_next_link_keeps_the_filters(client, db):
    IssueFactory.create_batch(25, themes=["housing"])

    page = client.get(URL, {"theme": "housing", "sort": "empathy"}).content.decode()

    assert "theme=housing" in page and "sort=empathy" in page and "after=" in page


def test_the_cursor_is_tied_to_its_sort(db):
    issue = IssueFactory()
    cursor = selectors.encode_cursor("empathy", issue)
    with pytest.raises(CursorInvalid):
        selectors.issue_page(None, selectors.IssueFilters(), sort="new", after=cursor)


@pytest.mark.parametrize("count", [1, 20])
def test_constant_queries_for_anonymous_visitors(client, db, count):
    IssueFactory.create_batch(count, themes=["housing", "welfare"])

    # 1 prefectures (filter choices), 2 the page of issues with poster, organization and
    # municipality, 3 their tags
    with assert_num_queries(3, label=f"{count} issues"):
        response = client.get(URL)

    assert len(response.context["page"].items) == count


@pytest.mark.parametrize("count", [1, 20])
def test_constant_queries_for_a_signed_in_member_with_filters(client, takahashi, count):
    IssueFactory.create_batch(count, themes=["housing"], municipality_id="04101")
    client.force_login(takahashi)

    # 1 session, 2 user, 3 prefectures, 4 municipalities of the chosen prefecture,
    # 5 roles (is the viewer the secretariat?), 6 the page of issues, 7 their tags
    with assert_num_queries(7, label=f"{count} issues"):
        response = client.get(URL, {"prefecture": "04", "theme": "housing", "sort": "activity"})

    assert len(response.context["page"].items) == count


def test_a_deep_page_costs_the_same_queries(client, db):
    IssueFactory.create_batch(60)
    first = client.get(URL).context["page"]
    second = client.get(URL, {"after": first.next_cursor}).context["page"]

    # 1 prefectures, 2 the page after the cursor, 3 tags
    with assert_num_queries(3):
        client.get(URL, {"after": second.next_cursor})


def test_the_list_offers_posting_to_verified_members_only(client, poster, takahashi_unverified):
    assert "ログインして課題を投稿" in client.get(URL).content.decode()
    client.force_login(takahashi_unverified)
    assert reverse("issues:create") + '"' not in client.get(URL).content.decode()
    client.force_login(poster)
    assert f'href="{reverse("issues:create")}"' in client.get(URL).content.decode()
