"""``GET /api/v1/search?q=…&type=…&limit=…&offset=…``."""

from __future__ import annotations

import pytest

from kyoso.api import messages as api_messages
from kyoso.api.tests.factories import bearer, error_of, issue_token
from kyoso.core.testing import assert_num_queries
from kyoso.issues.models import Comment
from kyoso.issues.tests.factories import CommentFactory
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import registry
from kyoso.search.registry import Document
from kyoso.search.services import index_object
from kyoso.search.tests.test_search_page import NASTY

URL = "/api/v1/search"


def test_items_carry_type_id_title_url_and_a_highlighted_snippet(client, corpus):
    # 1 the matches, counted and paged
    with assert_num_queries(1):
        response = client.get(URL, {"q": "生理"})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert body["next"] is None and body["previous"] is None
    first = body["items"][0]
    period = corpus["period"]
    assert first == {
        "type": "organizations",
        "id": period.pk,
        "title": "生理用品の無料配布",
        "url": f"http://testserver/orgs/{period.slug}/",
        "snippet": "学校のトイレに<mark>生理用品</mark>を置く取り組みです。"
        "<mark>生理</mark>の貧困をなくしたい。",
    }
    assert body["items"][1]["id"] == corpus["period2"].pk


def test_a_token_adds_only_its_own_queries(client, corpus, suzuki):
    secret = issue_token(suzuki, ["read"])

    # 1 token with its user, 2 last_used_at update, 3 the viewer's roles (issues' visible
    # rule), 4 the matches, counted and paged
    with assert_num_queries(4):
        response = client.get(URL, {"q": "子ども"}, **bearer(secret))

    assert response.json()["count"] == 2


def test_limit_and_offset_page_through_the_ranked_hits(client, db):
    orgs = [
        OrganizationFactory(name=f"防災の会{n}", name_kana="", description="防災" * (n + 1))
        for n in range(5)
    ]

    everything = client.get(URL, {"q": "防災", "limit": 100}).json()
    page = client.get(URL, {"q": "防災", "limit": 2, "offset": 2}).json()

    ranked = [item["id"] for item in everything["items"]]
    assert sorted(ranked) == sorted(o.pk for o in orgs)
    assert [item["id"] for item in page["items"]] == ranked[2:4]
    assert page["count"] == 5
    assert page["next"].endswith("limit=2&offset=4&q=%E9%98%B2%E7%81%BD")
    assert page["previous"].endswith("limit=2&offset=0&q=%E9%98%B2%E7%81%BD")


def test_an_offset_past_the_end_gives_no_items(client, corpus):
    # 1 the matches, counted and paged (the page is empty)
    with assert_num_queries(1):
        body = client.get(URL, {"q": "空き家", "offset": 50}).json()

    assert body["count"] == 3
    assert body["items"] == []


def test_type_filters_and_an_unknown_type_is_refused_with_the_list_of_types(client, corpus):
    filtered = client.get(URL, {"q": "空き家", "type": "organizations"})
    other = client.get(URL, {"q": "空き家", "type": "issues"})
    refused = client.get(URL, {"q": "空き家", "type": "foo"})
    old_key = client.get(URL, {"q": "空き家", "type": "orgs"})

    assert filtered.json()["count"] == 3
    assert {item["type"] for item in filtered.json()["items"]} == {"organizations"}
    assert other.json()["count"] == 0
    for response in (refused, old_key):
        assert response.status_code == 422
        error = error_of(response)
        assert error["code"] == "validation_error"
        assert error["details"] == [
            {
                "field": "type",
                "location": "query",
                "code": "choice",
                "message": str(
                    api_messages.FIELD_CHOICE
                    % {
                        "choices": "issues, events, organizations, minutes, communities, people, "
                        "projects, missions, challenges, hubs, campaigns, funds, archive"
                    }
                ),
            }
        ]


def _type_parameter(client) -> dict:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    return next(p for p in operation["parameters"] if p["name"] == "type")


def _enum_of(parameter: dict) -> list[str]:
    """The enum of the optional parameter's string schema (the other is null)."""
    return next(c for c in parameter["schema"]["anyOf"] if c["type"] == "string")["enum"]


def test_the_openapi_document_lists_the_registered_types(client, db):
    parameter = _type_parameter(client)
    document = client.get("/api/v1/openapi.json").json()
    item_type = document["components"]["schemas"]["SearchHitOut"]["properties"]["type"]

    keys = [
        "issues",
        "events",
        "organizations",
        "minutes",
        "communities",
        "people",
        "projects",
        "missions",
        "challenges",
        "hubs",
        "campaigns",
        "funds",
        "archive",
    ]
    assert _enum_of(parameter) == keys
    assert parameter["description"].endswith("One of: " + ", ".join(keys) + ".")
    assert item_type["enum"] == keys


@pytest.fixture
def comments_type():
    """A type registered after the site started, as a later app would."""
    registry.register(
        "comments",
        label="コメント",
        model=Comment,
        document=lambda comment: Document(title=comment.body),
        visible=lambda viewer: Comment.objects.all(),
        url=lambda comment: f"/issues/{comment.issue_id}/",
        order=90,
    )
    yield
    registry.unregister("comments")


def test_a_type_registered_later_is_accepted_and_documented(client, db, comments_type):
    comment = CommentFactory(body="酒田の港で朝市を開きたい")
    index_object(comment)

    response = client.get(URL, {"q": "朝市", "type": "comments"})

    assert response.status_code == 200
    assert [(i["type"], i["id"]) for i in response.json()["items"]] == [("comments", comment.pk)]
    parameter = _type_parameter(client)
    assert "comments" in _enum_of(parameter)
    assert "comments" in parameter["description"]


def test_a_too_long_query_is_refused(client, db):
    response = client.get(URL, {"q": "あ" * 201})

    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "q"


@pytest.mark.parametrize("query", ["", "   ", "***", "の"])
def test_nothing_to_search_gives_an_empty_list_without_querying(client, db, query):
    with assert_num_queries(0):
        response = client.get(URL, {"q": query})

    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("query", NASTY)
def test_malformed_queries_never_fail(client, corpus, query):
    response = client.get(URL, {"q": query})

    assert response.status_code == 200, response.content
    assert isinstance(response.json()["count"], int)
