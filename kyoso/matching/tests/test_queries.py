"""Exact query counts of every matching page and API endpoint."""

from __future__ import annotations

from django.urls import reverse

from kyoso.core.testing import assert_num_queries


def test_need_page_queries(client, region):
    client.force_login(region["ito"])
    url = reverse("matching:need", args=[region["need"].pk])
    client.get(url)
    # 1 session, 2 user, 3 viewer's roles, 4 need with project, 5 its skills, 6 project tags,
    # 7 project places, 8 their prefecture, 9 viewer's membership, 10 project members,
    # 11 feedback, 12 word counts (idf; the count of suggestible people is cached), 13 short
    # list (capped per key, summed and cut in the database), 14 its feature rows, scored exactly,
    # 15 the verified organizations
    with assert_num_queries(15):
        assert client.get(url).status_code == 200


def test_for_you_page_queries(client, region):
    client.force_login(region["matsumoto"])
    url = reverse("matching:for_you")
    client.get(url)
    # 1 session, 2 user, 3 roles, 4 own feature row, 5 own projects, 6 open needs, 7 their
    # skills, 8 project tags, 9 project places, 10 their prefecture, 11 missions with owner
    # and place, 12 their skills, 13 their projects' tags, 14 issues (none: no tags), 15 feedback
    with assert_num_queries(15):
        assert client.get(url).status_code == 200


def test_api_matches_queries(client, region):
    client.force_login(region["ito"])
    url = f"/api/v1/matches?for=need:{region['need'].pk}"
    client.get(url)
    # the need page's 14 (without the organizations)
    with assert_num_queries(14):
        assert client.get(url).status_code == 200


def test_api_suggestions_queries(client, region):
    client.force_login(region["matsumoto"])
    client.get("/api/v1/me/suggestions")
    # the for-you page's 15
    with assert_num_queries(15):
        assert client.get("/api/v1/me/suggestions").status_code == 200
