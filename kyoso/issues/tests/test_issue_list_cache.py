"""The issue list's body is cached for signed-out visitors (kyoso.core.pagecache): a warm page
reads no query, a new issue shows at once, the language and the query are part of the key, and
signed-in people never see a cached body."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.issues.services import posting
from kyoso.issues.tests.factories import IssueFactory

URL = reverse("issues:list")


def _post(actor, title):
    return posting.issue_create(actor=actor, data={"title": title, "body": "本文です。"})


def test_a_warm_list_reads_no_query_for_a_signed_out_visitor(client, db):
    IssueFactory.create_batch(3)
    client.get(URL)

    # the versions and the body from the cache; no session cookie, so no session query
    with assert_num_queries(0):
        response = client.get(URL)
    assert response.status_code == 200
    assert "nonce" not in response.content.decode().split('id="main"')[1]


def test_a_new_issue_shows_at_once_for_signed_out_visitors(
    client, poster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _post(poster, "一本目の課題")
    assert "一本目の課題" in client.get(URL).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        _post(poster, "二本目の課題")
    page = client.get(URL).content.decode()
    assert "一本目の課題" in page and "二本目の課題" in page


def test_signed_in_people_never_get_the_anonymous_body(client, poster, suzuki):
    IssueFactory(title="最初からある課題")
    anonymous = client.get(URL).content.decode()
    assert "ログインして課題を投稿" in anonymous

    client.force_login(suzuki)
    signed_in = client.get(URL).content.decode()
    assert "ログインして課題を投稿" not in signed_in
    assert "最初からある課題" in signed_in
    assert "page" in client.get(URL).context  # rendered for them, not read from the cache


def test_the_language_and_the_query_are_part_of_the_key(client, db):
    IssueFactory(title="言語の課題", stage="seed")
    japanese = client.get(URL).content.decode()
    client.cookies["kyoso_language"] = "en"
    english = client.get(URL).content.decode()
    assert "地域の課題" in japanese
    assert 'lang="en"' in english
    assert "絞り込み・並び替え" in japanese and "絞り込み・並び替え" not in english

    del client.cookies["kyoso_language"]
    filtered = client.get(URL, {"stage": "in_action"}).content.decode()
    assert "言語の課題" not in filtered
    assert "言語の課題" in client.get(URL, {"stage": "seed"}).content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_a_cold_list_reads_the_same_queries_as_before(client, db, count):
    IssueFactory.create_batch(count)
    # 1 prefectures (filter choices), 2 the page of issues, 3 their tags
    with assert_num_queries(3, label=f"{count} issues"):
        client.get(URL, {"sort": "new"})
