"""GET /regions/prefectures and /regions/municipalities: public reference data."""

import pytest

from kyoso.api import messages
from kyoso.api.tests.factories import error_of, send
from kyoso.core.testing import assert_num_queries
from kyoso.regions.models import Municipality


def test_prefectures_are_public(client, db):
    # 1 count, 2 page
    with assert_num_queries(2):
        response = send(client, "get", "/regions/prefectures?limit=100")
    body = response.json()
    assert body["count"] == 47
    assert body["next"] is None
    assert body["items"][3] == {
        "code": "04",
        "name": "宮城県",
        "name_kana": body["items"][3]["name_kana"],
        "name_en": body["items"][3]["name_en"],
    }


@pytest.mark.parametrize("code", ["04", "4", "０４"])
def test_municipalities_of_one_prefecture(client, db, code):
    # 1 count, 2 page with prefecture and parent joined
    with assert_num_queries(2):
        response = send(client, "get", f"/regions/municipalities?prefecture={code}&limit=100")
    body = response.json()
    assert body["count"] == Municipality.objects.filter(prefecture_id="04").count()
    assert {m["prefecture"] for m in body["items"]} == {"04"}
    aoba = next(m for m in body["items"] if m["code"] == "04101")
    assert aoba == {
        "code": "04101",
        "lg_code": "041017",
        "name": "青葉区",
        "full_name": "宮城県仙台市青葉区",
        "name_kana": aoba["name_kana"],
        "name_en": aoba["name_en"],
        "kind": "ward",
        "prefecture": "04",
        "parent": "04100",
    }


@pytest.mark.parametrize("code", ["48", "00", "miyagi", "123"])
def test_unknown_prefecture_is_422(client, db, code):
    response = send(client, "get", f"/regions/municipalities?prefecture={code}")
    assert response.status_code == 422
    assert error_of(response)["details"] == [
        {
            "field": "prefecture",
            "location": "query",
            "code": "unknown_prefecture",
            "message": str(messages.PREFECTURE_UNKNOWN),
        }
    ]


def test_regions_ignore_tokens(client, db):
    """Reference data does not depend on who asks: no token lookup, no 401 for a bad one."""
    with assert_num_queries(2):
        response = send(client, "get", "/regions/prefectures", HTTP_AUTHORIZATION="Bearer x")
    assert response.status_code == 200
