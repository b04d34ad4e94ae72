"""The mission list (filters, keyset pages, empty states), the Atom feed and the map data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.missions import messages
from kyoso.missions.selectors import PER_PAGE
from kyoso.missions.tests.factories import MissionFactory, published

pytestmark = pytest.mark.django_db


def ids(response):
    return [m.pk for m in response.context["page"].items]


def test_filters(client, mission, org_mission):
    volunteer = published(
        kind="volunteer",
        reward_kind="unpaid",
        reward_yen=None,
        work_style="onsite",
        municipality_id="06204",
        skills=["agriculture"],
    )
    url = reverse("missions:list")
    assert ids(client.get(url, {"kind": "internship"})) == [org_mission.pk]
    assert ids(client.get(url, {"work_style": "onsite"})) == [volunteer.pk]
    assert ids(client.get(url, {"skill": "agriculture"})) == [volunteer.pk]
    assert ids(client.get(url, {"reward": "unpaid"})) == [volunteer.pk]
    assert set(ids(client.get(url, {"reward": "paid"}))) == {mission.pk, org_mission.pk}
    assert ids(client.get(url, {"municipality": "06204"})) == [volunteer.pk]


def test_a_bad_filter_is_dropped_with_a_notice(client, mission):
    response = client.get(reverse("missions:list"), {"kind": "astronaut"})
    assert response.status_code == 200
    assert messages.FILTER_INVALID in response.context["notices"]
    assert ids(response) == [mission.pk]


def test_drafts_and_closed_missions_are_not_listed(client, draft, mission):
    MissionFactory(status="closed", closed_reason="host", published_at=timezone.now())
    assert ids(client.get(reverse("missions:list"))) == [mission.pk]


def test_keyset_pages_walk_every_mission_once(client):
    start = timezone.now()
    made = [published(published_at=start - timedelta(minutes=i % 3)) for i in range(PER_PAGE + 5)]
    first = client.get(reverse("missions:list"))
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("missions:list"), {"after": cursor})
    seen = ids(first) + ids(second)
    assert len(ids(first)) == PER_PAGE
    assert sorted(seen) == sorted(m.pk for m in made)
    assert second.context["page"].next_cursor is None


def test_a_forged_cursor_shows_the_first_page(client, mission):
    response = client.get(reverse("missions:list"), {"after": "not-a-cursor"})
    assert messages.PAGE_INVALID in response.context["notices"]
    assert ids(response) == [mission.pk]


def test_empty_states(client, db):
    assert (
        "いま募集中のミッションはありません。"
        in client.get(reverse("missions:list")).content.decode()
    )
    filtered = client.get(reverse("missions:list"), {"kind": "internship"}).content.decode()
    assert "条件に合うミッションは見つかりませんでした。" in filtered


def test_atom_feed_lists_new_published_missions(client, mission, draft):
    response = client.get(reverse("missions:feed"))
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert mission.title in body and draft.title not in body
    assert f"/missions/{mission.pk}/" in body


def test_map_has_listed_missions_with_a_point(client, mission):
    pointed = published(latitude="38.914000", longitude="139.836000", title="酒田のミッション")
    response = client.get(reverse("missions:map"))
    data = response.json()
    assert response["Content-Type"].startswith("application/geo+json")
    assert [f["properties"]["id"] for f in data["features"]] == [pointed.pk]
    assert data["features"][0]["geometry"]["coordinates"] == [139.836, 38.914]


def test_map_keeps_the_missions_inside_the_box_and_of_the_kind(client, mission):
    sakata = published(latitude="38.914000", longitude="139.836000", title="酒田の副業")
    sendai = published(
        latitude="38.268000", longitude="140.869000", title="仙台のインターン", kind="internship"
    )
    around_sakata = "139.5,38.7,140.0,39.1"

    def ids(**params):
        data = client.get(reverse("missions:map"), params).json()
        return [f["properties"]["id"] for f in data["features"]]

    assert ids(bbox=around_sakata) == [sakata.pk]
    assert set(ids()) == {sakata.pk, sendai.pk}
    assert ids(kind="internship") == [sendai.pk]
    assert client.get(reverse("missions:map")).json()["truncated"] is False


def test_map_refuses_a_malformed_box_with_the_reason(client):
    response = client.get(reverse("missions:map"), {"bbox": "139,38,x,39"})
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_the_map_page_links_the_data_and_the_list(client):
    response = client.get(reverse("missions:map_page"), {"kind": "internship"})
    body = response.content.decode()
    assert response.status_code == 200
    assert f'data-geojson-url="{reverse("missions:map")}"' in body
    assert 'value="internship" selected' in body


def test_missions_of_a_project_for_its_page(mission, draft, project, lead, suzuki):
    from kyoso.missions.selectors import create_url, missions_of

    assert [m.pk for m in missions_of(project, suzuki)] == [mission.pk]
    assert {m.pk for m in missions_of(project, lead)} == {mission.pk, draft.pk}
    assert create_url(project) == f"/missions/new/?project={project.pk}"
