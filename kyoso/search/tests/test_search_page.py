"""The search page ``/search/?q=…&type=…&page=…``: tabs with counts, ranked hits with
highlighted snippets, pagination, empty states, and a fixed number of queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kyoso.core.search import PAGE_SIZE
from kyoso.core.testing import assert_num_queries
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import messages
from kyoso.search.query import MAX_QUERY_LENGTH

URL = reverse("core:search")


def _get(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response


def _titles(response) -> list[str]:
    return [shown.hit.title for shown in response.context["result"].page.object_list]


def test_finds_ranks_and_highlights(client, corpus):
    # 1 the matches, counted per type and paged
    with assert_num_queries(1):
        response = _get(client, q="空き家")

    assert _titles(response)[-1] == "移住者向けの住まい"  # a body-only match ranks last
    assert set(_titles(response)) == {
        "空き家バンクの活用",
        "クウキヤ（空き家の相談窓口）",
        "移住者向けの住まい",
    }
    page = response.content.decode()
    assert "<mark>空家</mark>を改修して" in page  # the variant spelling, marked as written
    assert "<mark>空き家</mark>の情報を集めて" in page
    assert 'value="空き家"' in page  # the header's search box keeps the query
    assert "3 件" in page


def test_the_number_of_queries_does_not_grow_with_the_hits(client, db):
    for n in range(PAGE_SIZE + 5):
        OrganizationFactory(name=f"防災の会{n}", name_kana="", description="防災訓練をします。")

    # 1 the matches, counted per type and paged
    with assert_num_queries(1):
        response = _get(client, q="防災")

    assert len(_titles(response)) == PAGE_SIZE


def test_signed_in_viewers_add_only_their_session_and_roles(client, corpus, suzuki):
    client.force_login(suzuki)

    # 1 session, 2 user, 3 the viewer's roles (the issues' visible rule asks whether the
    # viewer is the secretariat), 4 the matches, counted per type and paged
    with assert_num_queries(4):
        response = _get(client, q="子ども")

    assert _titles(response)[0] == "子ども食堂を続けたい"


def test_tabs_count_each_type_and_filter(client, corpus):
    response = _get(client, q="空き家", type="organizations")

    tabs = {tab.key: (tab.count, tab.current) for tab in response.context["result"].tabs}
    assert tabs[""] == (3, False)
    assert tabs["organizations"] == (3, True)
    assert all(count == 0 for key, (count, _) in tabs.items() if key not in {"", "organizations"})
    assert 'aria-current="page"' in response.content.decode()


KNOWN_TYPES = (
    "課題 (issues)、イベント (events)、団体 (organizations)、議事録 (minutes)、"
    "コミュニティ (communities)、人 (people)"
)


@pytest.mark.parametrize("type_key", ["<nothing>", "orgs", "issue"])
def test_an_unknown_type_searches_every_type_and_says_which_types_there_are(
    client, corpus, type_key
):
    # 1 the matches, counted per type and paged (as without a type)
    with assert_num_queries(1):
        response = _get(client, q="空き家", type=type_key)

    result = response.context["result"]
    assert result.type_key == ""
    assert len(_titles(response)) == 3
    assert [tab.key for tab in result.tabs if tab.current] == [""]
    notice = messages.UNKNOWN_TYPE % {"type": type_key, "choices": KNOWN_TYPES}
    assert str(notice).replace("<", "&lt;").replace(">", "&gt;") in response.content.decode()
    assert "<nothing>" not in response.content.decode()


def test_an_unknown_type_without_words_still_says_so(client, db):
    with assert_num_queries(0):
        response = _get(client, type="foo")

    page = response.content.decode()
    assert str(messages.UNKNOWN_TYPE % {"type": "foo", "choices": KNOWN_TYPES}) in page
    assert str(messages.EMPTY_QUERY) in page


def test_a_known_type_shows_no_notice(client, corpus):
    response = _get(client, q="空き家", type="organizations")

    assert response.context["result"].notices == []
    assert 'class="notice"' not in response.content.decode()


def test_pagination_keeps_the_query_and_the_type(client, db):
    for n in range(PAGE_SIZE + 5):
        OrganizationFactory(name=f"防災の会{n:02d}", name_kana="", description="防災")

    first = _get(client, q="防災", type="organizations")
    second = _get(client, q="防災", type="organizations", page="2")

    assert len(_titles(first)) == PAGE_SIZE
    assert len(_titles(second)) == 5
    assert not set(_titles(first)) & set(_titles(second))
    assert "?q=%E9%98%B2%E7%81%BD&amp;type=organizations&amp;page=2" in first.content.decode()


@pytest.mark.parametrize(
    ("page", "shown", "queries"),
    [("999", 2, 2), ("-1", 1, 1), ("abc", 1, 1), ("", 1, 1), ("2", 2, 1)],
)
def test_page_numbers_out_of_range_show_the_nearest_page(client, db, page, shown, queries):
    for n in range(PAGE_SIZE + 1):
        OrganizationFactory(name=f"防災の会{n:02d}", name_kana="")

    # 1 the matches, counted per type and paged; past the end 2 the last page again
    with assert_num_queries(queries):
        response = _get(client, q="防災", page=page)

    assert response.context["result"].page.number == shown
    assert len(_titles(response)) == (1 if shown == 2 else PAGE_SIZE)


def test_an_empty_query_asks_for_words_without_searching(client, db):
    with assert_num_queries(0):
        response = _get(client, q="   ")

    assert str(messages.EMPTY_QUERY) in response.content.decode()


@pytest.mark.parametrize("query", ["***", "の", "「」", "-子"])
def test_a_query_without_searchable_words_says_so(client, db, query):
    with assert_num_queries(0):
        response = _get(client, q=query)

    assert str(messages.NOTHING_TO_SEARCH) in response.content.decode()


def test_no_results_repeats_the_query_escaped(client, corpus):
    response = _get(client, q="<b>宇宙</b>")

    page = response.content.decode()
    expected = messages.NO_RESULTS % {"query": "&lt;b&gt;宇宙&lt;/b&gt;"}
    assert expected in page
    assert str(messages.NO_RESULTS_HINT) in page
    assert "<b>宇宙" not in page


def test_a_long_query_is_cut_with_a_notice(client, corpus):
    response = _get(client, q="空き家 " + "あ" * 200)

    assert len(response.context["result"].query) == MAX_QUERY_LENGTH
    expected = messages.QUERY_TRUNCATED % {"length": MAX_QUERY_LENGTH}
    assert expected in response.content.decode()


def test_markup_in_content_is_escaped_in_titles_and_snippets(client, db):
    OrganizationFactory(
        name="<script>alert(1)</script>空き家",
        name_kana="",
        description='空き家の<img src=x onerror="alert(1)">活用',
    )

    page = _get(client, q="空き家").content.decode()

    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;空き家" in page
    assert "<mark>空き家</mark>の&lt;img src=x onerror=&quot;alert(1)&quot;&gt;活用" in page


NASTY = [
    "NEAR(",
    "NEAR(子ども 食堂, 2)",
    "*",
    "子*",
    '"',
    '"子ども',
    '子ども"食堂',
    "'; DROP TABLE search_document; --",
    "1' OR '1'='1",
    "(((",
    ")",
    "AND OR NOT",
    "title_terms:子ども",
    "^子ども",
    "子ども + 食堂",
    "\\",
    "%_%",
    "\x00子ども",
    "🙂",
    "ｰｰｰ",
    "-" * 50,
    '"' * 30,
]


@pytest.mark.parametrize("query", NASTY)
def test_malformed_queries_never_fail(client, corpus, query):
    response = _get(client, q=query)

    assert re.search(r"<h1>検索</h1>", response.content.decode())
