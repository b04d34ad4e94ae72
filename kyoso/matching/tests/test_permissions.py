"""Who may see a need's people, "for you" and the setting: role × action × state."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.projects.models import NeedStatus, Project


def _need_url(region):
    return reverse("matching:need", args=[region["need"].pk])


@pytest.mark.parametrize(
    ("who", "status"),
    [("ito", 200), ("nakajima", 200), ("takahashi", 403), ("matsumoto", 403)],
)
def test_need_page_for_the_projects_members_only(client, region, who, status):
    client.force_login(region[who])
    assert client.get(_need_url(region)).status_code == status


def test_need_page_sends_visitors_to_log_in(client, region):
    response = client.get(_need_url(region))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_filled_need_has_no_page(client, region):
    need = region["need"]
    type(need).objects.filter(pk=need.pk).update(
        status=NeedStatus.FILLED, filled_at="2026-01-01T00:00:00Z"
    )
    client.force_login(region["ito"])
    assert client.get(_need_url(region)).status_code == 404


def test_a_hidden_projects_need_is_unknown_to_outsiders(client, region):
    Project.objects.filter(pk=region["project"].pk).update(hidden_at="2026-01-01T00:00:00Z")
    client.force_login(region["takahashi"])
    assert client.get(_need_url(region)).status_code == 404


@pytest.mark.parametrize("name", ["matching:for_you", "matching:preference"])
def test_personal_pages_need_a_sign_in(client, region, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    client.force_login(region["takahashi"])
    assert client.get(reverse(name)).status_code == 200


def test_feedback_needs_a_sign_in_and_post(client, region):
    url = reverse("matching:feedback")
    assert client.post(url, {}).status_code == 302
    client.force_login(region["takahashi"])
    assert client.get(url).status_code == 405


# --- API ----------------------------------------------------------------------------------


def test_api_matches_for_a_members_need(client, region):
    client.force_login(region["ito"])
    answer = client.get(f"/api/v1/matches?for=need:{region['need'].pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert body["items"][0]["display_name"] == "松本"
    assert body["items"][0]["reasons"][0]["share"] > 0
    assert body["items"][0]["introduction_url"].startswith("/introductions/new?to=user:")


@pytest.mark.parametrize("who", ["takahashi", "matsumoto"])
def test_api_matches_for_someone_elses_need_is_not_found(client, region, who):
    client.force_login(region[who])
    answer = client.get(f"/api/v1/matches?for=need:{region['need'].pk}")
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_api_matches_unknown_need_is_not_found(client, region):
    client.force_login(region["ito"])
    assert client.get("/api/v1/matches?for=need:999999").status_code == 404


@pytest.mark.parametrize("value", ["project:1", "need:", "mission:abc", "ニーズ:1"])
def test_api_matches_bad_for_is_a_422(client, region, value):
    from kyoso.matching import messages

    client.force_login(region["ito"])
    answer = client.get("/api/v1/matches", {"for": value})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "validation_error"
    assert error["details"][0]["field"] == "for"
    assert error["details"][0]["message"] == str(messages.FOR_PARAMETER_INVALID)


def test_api_needs_authentication(client, region):
    assert client.get(f"/api/v1/matches?for=need:{region['need'].pk}").status_code == 401
    assert client.get("/api/v1/me/suggestions").status_code == 401
