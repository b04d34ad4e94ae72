"""``GET /api/v1/kpi/participation?fiscal_year=2021``: the events' yearly figures, open to
everyone; a bad year is a 422 in the one error format."""

from __future__ import annotations

import pytest

from kyoso.core.testing import assert_num_queries

pytestmark = pytest.mark.django_db

URL = "/api/v1/kpi/participation"


def test_participation_of_a_year(client, fy2021):
    # 1 events by kind, 2 checked-in registrations and people, 3 first-time people
    with assert_num_queries(3):
        response = client.get(URL, {"fiscal_year": "2021"})
    assert response.status_code == 200
    assert response.json() == {
        "fiscal_year": 2021,
        "label": "令和3年度",
        "events": 2,
        "events_by_kind": [
            {"kind": "regular", "label": "定例会", "events": 1},
            {"kind": "study", "label": "テーマ勉強会", "events": 1},
            {"kind": "idea", "label": "アイデアイベント", "events": 0},
            {"kind": "hearing", "label": "ヒアリング", "events": 0},
            {"kind": "other", "label": "その他", "events": 0},
        ],
        "attendance": 15,
        "counted": 13,
        "unique_people": 2,
        "first_time": 2,
    }


def test_full_width_digits_are_read(client, fy2021):
    assert client.get(URL, {"fiscal_year": "２０２１"}).json()["attendance"] == 15


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("R3", "「R3」は年度として読み取れません。「2021」のように西暦で指定してください。"),
        ("1999", "1999年度の報告書は作れません。2000年度から"),
        ("3000", "3000年度の報告書は作れません。2000年度から"),
    ],
)
def test_a_bad_year_is_one_error(client, db, value, message):
    response = client.get(URL, {"fiscal_year": value})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "fiscal_year_invalid"
    assert error["message"].startswith(message)
    assert error["details"] == []


def test_english_messages_follow_accept_language(client, db):
    response = client.get(URL, {"fiscal_year": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "fiscal_year_invalid"
