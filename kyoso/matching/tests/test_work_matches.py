"""People for a mission (its host only) and for an issue (its poster only), on the pages and
through ``/api/v1/matches?for=mission:{id}`` / ``issue:{id}``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.issues.tests.factories import IssueFactory
from kyoso.missions.models import MissionStatus


@pytest.fixture
def issue(region):
    return IssueFactory(
        author=region["ito"],
        title="酒田のお店のネット販売とSNSの発信",
        body="地元のお店がECサイトを更新できずに困っています。",
        municipality_id="06204",
        themes=["digital"],
    )


@pytest.mark.parametrize(("who", "status"), [("ito", 200), ("takahashi", 403), ("matsumoto", 403)])
def test_mission_people_for_its_host_only(client, region, who, status):
    client.force_login(region[who])
    answer = client.get(reverse("matching:mission", args=[region["mission"].pk]))
    assert answer.status_code == status


def test_mission_people_come_with_reasons_and_leave_out_the_host(client, region):
    client.force_login(region["ito"])
    answer = client.get(reverse("matching:mission", args=[region["mission"].pk]))
    people = answer.context["people"]
    names = [p.display_name for p in people]
    assert names[0] == "松本"  # IT, 酒田, digital themes
    assert "伊藤" not in names and "辞退" not in names
    assert all(p.reasons for p in people)
    assert "スキルが合う: IT・開発" in answer.content.decode()


def test_a_draft_mission_has_no_people_page(client, region):
    mission = region["mission"]
    type(mission).objects.filter(pk=mission.pk).update(
        status=MissionStatus.DRAFT, published_at=None
    )
    client.force_login(region["ito"])
    assert client.get(reverse("matching:mission", args=[mission.pk])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("ito", 200), ("takahashi", 403), ("matsumoto", 403)])
def test_issue_people_for_its_poster_only(client, region, issue, who, status):
    client.force_login(region[who])
    assert client.get(reverse("matching:issue", args=[issue.pk])).status_code == status


def test_issue_people_rank_by_theme_place_and_words(client, region, issue):
    client.force_login(region["ito"])
    people = client.get(reverse("matching:issue", args=[issue.pk])).context["people"]
    assert people[0].display_name == "松本"
    assert {f for f, _t, _s in people[0].reasons} >= {"themes", "place"}


def test_an_unknown_issue_is_not_found(client, region):
    client.force_login(region["ito"])
    assert client.get(reverse("matching:issue", args=[999999])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("ito", 200), ("takahashi", 404)])
def test_api_matches_for_a_mission(client, region, who, status):
    client.force_login(region[who])
    answer = client.get("/api/v1/matches", {"for": f"mission:{region['mission'].pk}"})
    assert answer.status_code == status
    if status == 200:
        item = answer.json()["items"][0]
        assert item["display_name"] == "松本" and item["reasons"]
        assert item["introduction_url"].endswith(f"about=mission:{region['mission'].pk}")


@pytest.mark.parametrize(("who", "status"), [("ito", 200), ("matsumoto", 404)])
def test_api_matches_for_an_issue(client, region, issue, who, status):
    client.force_login(region[who])
    answer = client.get("/api/v1/matches", {"for": f"issue:{issue.pk}"})
    assert answer.status_code == status


def test_api_an_unknown_mission_is_not_found(client, region):
    client.force_login(region["ito"])
    assert client.get("/api/v1/matches", {"for": "mission:999999"}).status_code == 404


def test_mission_page_queries(client, region):
    client.force_login(region["ito"])
    url = reverse("matching:mission", args=[region["mission"].pk])
    client.get(url)
    # 1 session, 2 user, 3 roles, 4 mission with project, organization and place, 5 its
    # skills, 6 project tags, 7 the host check (membership), 8 feedback, 9 word counts,
    # 10 short list, 11 its feature rows
    with assert_num_queries(11):
        assert client.get(url).status_code == 200
