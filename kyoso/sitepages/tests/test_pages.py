"""The privacy policy and terms pages, as anyone reads them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from kyoso.core.testing import assert_num_queries
from kyoso.sitepages.models import SitePage

pytestmark = pytest.mark.django_db

EMPTY_STATE = "このページはまだ準備中です。"


def _page(client, slug: str) -> str:
    response = client.get(reverse("sitepages:detail", args=[slug]))
    assert response.status_code == 200
    return response.content.decode()


def _store(slug: str, **fields) -> SitePage:
    defaults = {"title_ja": "プライバシーポリシー", "body_ja": "個人情報を大切に扱います。"}
    return SitePage.objects.create(slug=slug, **{**defaults, **fields})


@pytest.mark.parametrize(
    ("slug", "title"), [("privacy", "プライバシーポリシー"), ("terms", "利用規約")]
)
def test_missing_pages_show_an_empty_state_to_anonymous_visitors(client, slug, title):
    page = _page(client, slug)
    assert f"<h1>{title}</h1>" in page
    assert EMPTY_STATE in page
    assert reverse("sitepages:edit", args=[slug]) not in page  # no edit link for visitors


def test_a_stored_page_is_shown(client):
    _store("terms", title_ja="利用規約", body_ja="第1条　この規約は…\n\n第2条　禁止事項")
    page = _page(client, "terms")
    assert "<h1>利用規約</h1>" in page
    assert "<p>第1条　この規約は…</p>" in page and "<p>第2条　禁止事項</p>" in page
    assert EMPTY_STATE not in page


def test_unknown_pages_are_not_found(client, db):
    assert client.get(reverse("sitepages:detail", args=["about"])).status_code == 404


def test_html_in_the_body_is_shown_as_text(client):
    _store(
        "privacy",
        title_ja="<i>題</i>",
        body_ja='<script>alert("x")</script>\n<a href="javascript:alert(1)">押す</a>',
    )
    page = _page(client, "privacy")
    assert "<script>alert" not in page
    assert '<a href="javascript' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;i&gt;題&lt;/i&gt;" in page


def test_english_readers_get_the_english_text(client):
    _store("privacy", title_en="Privacy policy", body_en="We take care of your data.")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _page(client, "privacy")
    assert "<h1>Privacy policy</h1>" in page
    assert "We take care of your data." in page
    assert "個人情報を大切に扱います。" not in page


def test_english_readers_get_the_japanese_text_when_there_is_no_translation(client):
    _store("privacy")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = _page(client, "privacy")
    assert "<h1>プライバシーポリシー</h1>" in page
    assert "個人情報を大切に扱います。" in page


def test_japanese_readers_get_the_japanese_text(client):
    _store("privacy", title_en="Privacy policy", body_en="We take care of your data.")
    page = _page(client, "privacy")
    assert "個人情報を大切に扱います。" in page
    assert "We take care of your data." not in page


def test_the_secretariat_sees_an_edit_link(client, sato):
    client.force_login(sato)
    assert reverse("sitepages:edit", args=["privacy"]) in _page(client, "privacy")


@pytest.mark.parametrize("stored", [False, True])
def test_query_count_anonymous(client, db, stored):
    if stored:
        _store("privacy")
    # 1 the page
    with assert_num_queries(1):
        _page(client, "privacy")


def test_query_count_secretariat(client, sato):
    _store("privacy")
    client.force_login(sato)
    # 1 session, 2 user, 3 roles of sato (2FA middleware; cached for the edit-link rule),
    # 4 site settings (2FA middleware), 5 the page
    with assert_num_queries(5):
        _page(client, "privacy")
