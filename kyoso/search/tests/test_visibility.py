"""Results only ever hold what the viewer may see, whatever the index still holds.

Two registered types are exercised: a fake one over users (inactive accounts are seen by
superusers only) and the issues (awaiting review: the poster and the secretariat; hidden:
not indexed; deleted: gone). The rule is applied in the same SQL as the match, so counts,
pages, similar suggestions and the API all agree.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.issues.models import Issue
from kyoso.issues.tests.factories import IssueFactory
from kyoso.search import registry
from kyoso.search.services import index_object, search, similar


@pytest.fixture
def people(db, people_type):
    active = UserFactory(display_name="防災士の山田", email="yamada@example.jp")
    inactive = UserFactory(display_name="防災士の田中", email="tanaka@example.jp", is_active=False)
    for user in (active, inactive):
        index_object(user)
    return {"active": active, "inactive": inactive}


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", {"active"}),
        ("suzuki", {"active"}),
        ("superuser", {"active", "inactive"}),
    ],
)
def test_a_type_s_visible_rule_filters_hits_and_counts(request, people, viewer, expected):
    user = None if viewer == "anonymous" else request.getfixturevalue(viewer)
    names = {user.pk: key for key, user in people.items()}

    page = search("防災士", viewer=user, types=["people"])
    hints = similar("防災士を探しています", viewer=user, type="people", limit=10)

    assert {names[hit.id] for hit in page.items} == expected
    assert page.count == len(expected)
    assert {names[hit.id] for hit in hints} == expected


# --- Issues -----------------------------------------------------------------------------------

STATES = ["public", "awaiting_review", "hidden_after_indexing", "deleted_after_indexing"]


def _issue_in_state(state: str, author) -> Issue:
    issue = IssueFactory(
        title="通学路の街灯が少ない",
        body="夜の通学路が暗く、防犯上の不安があります。",
        author=author,
        awaiting_review=(state == "awaiting_review"),
    )
    index_object(issue)
    if state == "hidden_after_indexing":
        # Hidden without the index being told: the visibility rule still holds.
        Issue.objects.filter(pk=issue.pk).update(hidden_at=timezone.now(), hidden_reason="理由")
    if state == "deleted_after_indexing":
        Issue.objects.filter(pk=issue.pk).delete()
    return issue


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("viewer", ["anonymous", "takahashi", "author", "sato"])
def test_issues_are_found_only_by_those_who_may_see_them(request, db, state, viewer):
    author = UserFactory(display_name="投稿者")
    issue = _issue_in_state(state, author)
    if viewer in {"anonymous", "author"}:
        user = {"anonymous": None, "author": author}[viewer]
    else:
        user = request.getfixturevalue(viewer)
    type_key = registry.for_object(issue).key

    page = search("街灯", viewer=user, types=[type_key])
    everywhere = search("通学路", viewer=user)
    hints = similar("通学路が暗い", viewer=user, type=type_key)

    may_see = state == "public" or (state == "awaiting_review" and viewer in {"author", "sato"})
    if state == "hidden_after_indexing":
        may_see = viewer in {"author", "sato"}  # the poster and the secretariat see it
    expected = [issue.pk] if may_see else []
    assert [hit.id for hit in page.items] == expected
    assert page.count == len(expected)
    assert [hit.id for hit in everywhere.items] == expected
    assert [hit.id for hit in hints] == expected


@pytest.mark.parametrize("state", ["awaiting_review", "deleted_after_indexing"])
def test_the_page_and_the_api_never_show_what_the_viewer_may_not_see(client, db, state):
    author = UserFactory(display_name="投稿者")
    _issue_in_state(state, author)

    page = client.get(reverse("core:search"), {"q": "街灯"})
    api = client.get("/api/v1/search", {"q": "街灯"})

    assert "通学路の街灯が少ない" not in page.content.decode()
    assert api.json()["count"] == 0
    assert api.json()["items"] == []
