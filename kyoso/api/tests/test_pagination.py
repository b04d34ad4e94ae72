"""The one pagination convention: ?limit=&offset=, items/count/limit/offset/next/previous."""

import pytest
from django.conf import settings

from kyoso.api import messages
from kyoso.api.tests.factories import error_of, send
from kyoso.core.testing import assert_num_queries
from kyoso.orgs.models import Organization
from kyoso.regions.models import Municipality

PATH = "/regions/municipalities"


def test_default_page(client, db):
    total = Municipality.objects.count()
    # 1 count, 2 first page with prefecture and parent joined
    with assert_num_queries(2):
        response = send(client, "get", PATH)
    body = response.json()
    assert set(body) == {"items", "count", "limit", "offset", "next", "previous"}
    assert body["count"] == total
    assert body["limit"] == settings.NINJA_PAGINATION_PER_PAGE == 20
    assert body["offset"] == 0
    assert len(body["items"]) == 20
    assert body["previous"] is None
    assert body["next"] == f"http://testserver/api/v1{PATH}?limit=20&offset=20"


def test_middle_page_links_keep_the_filters(client, db):
    body = send(client, "get", f"{PATH}?prefecture=04&limit=5&offset=10").json()
    miyagi = Municipality.objects.filter(prefecture_id="04").order_by("code")
    assert body["count"] == miyagi.count()
    assert [m["code"] for m in body["items"]] == [m.code for m in miyagi[10:15]]
    assert body["next"] == f"http://testserver/api/v1{PATH}?limit=5&offset=15&prefecture=04"
    assert body["previous"] == f"http://testserver/api/v1{PATH}?limit=5&offset=5&prefecture=04"


def test_last_page_has_no_next(client, db):
    count = Municipality.objects.filter(prefecture_id="04").count()
    body = send(client, "get", f"{PATH}?prefecture=04&limit=10&offset={count - 3}").json()
    assert len(body["items"]) == 3
    assert body["next"] is None


def test_offset_past_the_end_is_an_empty_page(client, db):
    # 1 count; no page query past the end
    with assert_num_queries(1):
        body = send(client, "get", f"{PATH}?offset=100000").json()
    assert body["items"] == []
    assert body["next"] is None
    assert body["previous"] is not None


def test_limit_above_the_maximum_is_clamped(client, db):
    Organization.objects.bulk_create(
        Organization(slug=f"org-{n:03d}", name=f"団体{n:03d}", org_type="npo") for n in range(101)
    )
    body = send(client, "get", "/organizations?limit=1000").json()
    assert body["count"] == 101
    assert body["limit"] == settings.NINJA_PAGINATION_MAX_LIMIT == 100
    assert len(body["items"]) == 100
    assert body["next"] == "http://testserver/api/v1/organizations?limit=100&offset=100"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=-1", "limit", messages.FIELD_MIN_VALUE % {"limit": 1}),
        ("limit=0", "limit", messages.FIELD_MIN_VALUE % {"limit": 1}),
        ("limit=abc", "limit", messages.FIELD_NOT_INTEGER),
        ("limit=2.5", "limit", messages.FIELD_NOT_INTEGER),
        ("offset=-5", "offset", messages.FIELD_MIN_VALUE % {"limit": 0}),
        ("offset=x", "offset", messages.FIELD_NOT_INTEGER),
    ],
)
def test_bad_limits_are_422_in_the_error_format(client, db, query, field, message):
    response = send(client, "get", f"{PATH}?{query}")
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert [(d["field"], d["location"], d["message"]) for d in error["details"]] == [
        (field, "query", str(message))
    ]
