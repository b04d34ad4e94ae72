"""Pages of results follow the score of decisions 0009 and 0010 exactly, on both databases:
for each term typed, 50 if the title has it and 10 if the body has it; for each word's
expansion (synonyms, readings, katakana parts), 4 if the title has any of its terms and 1 if
the body has; equal scores newest first.

The score is modelled here in Python from the documents' own terms, independently of the SQL,
and compared with every page of a random query at random page sizes: the shortcut that reads
the bodies only of the documents tied at the best title scores must never change a page or a
score, with the whole window or a small one.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import services
from kyoso.search.models import SearchDocument, SearchText
from kyoso.search.query import parse
from kyoso.search.services import (
    BODY_POINTS,
    EXPANSION_BODY_POINTS,
    EXPANSION_TITLE_POINTS,
    MAX_SCORED_TERMS,
    TITLE_POINTS,
    search,
)

#: Words and compounds (生理用品 gives three terms: itself and its parts); 高齢者 and 年寄り are
#: synonyms, あきや reads 空き家, ツーリズム is part of エコツーリズム: expansions.
WORDS = [
    "防災",
    "空き家",
    "子ども",
    "食堂",
    "生理用品",
    "後継者",
    "不足",
    "地域",
    "高齢者",
    "年寄り",
    "農業",
    "エコツーリズム",
]
QUERY_WORDS = [*WORDS, "あきや", "ツーリズム"]


@pytest.fixture
def documents(db):
    """Forty organizations with random words in their names and descriptions, so that
    title scores tie and bodies break the ties."""
    rng = random.Random(20261127)
    for n in range(40):
        title = "・".join(rng.sample(WORDS, rng.randint(0, 3))) or f"団体{n}"
        body = "と".join(rng.sample(WORDS, rng.randint(1, 5))) + "について話し合います。"
        OrganizationFactory(name=title, name_kana="", description=body)


def _model_order(query: str) -> list[tuple[int, float]]:
    """The object ids matching ``query``'s words (those the search found: the window), best
    first, with their scores, by the score's definition: the expansion is scored only when the
    words as typed do not fill the window by themselves (then it is not used at all)."""
    parsed = parse(query)
    typed, groups = parsed.scored_terms()
    as_typed = services.counted_page(parsed.as_typed(), viewer=None, types=["organizations"])
    if as_typed.count() >= services.WINDOW:
        groups = []

    def has(term_text: str, terms) -> bool:
        codes = term_text.split()
        return any(c == t.code or (t.prefix and c.startswith(t.code)) for c in codes for t in terms)

    rows = []
    for text in SearchText.objects.select_related("document").filter(
        document__type="organizations"
    ):
        score = sum(
            TITLE_POINTS * has(text.title_terms, [t]) + BODY_POINTS * has(text.body_terms, [t])
            for t in typed[:MAX_SCORED_TERMS]
        ) + sum(
            EXPANSION_TITLE_POINTS * has(text.title_terms, group)
            + EXPANSION_BODY_POINTS * has(text.body_terms, group)
            for group in groups
        )
        rows.append((score, text.document.object_id))
    found = {
        hit.id for hit in search(query, viewer=None, types=["organizations"], limit=1000).items
    }
    rows = [row for row in rows if row[1] in found]
    return [(object_id, float(score)) for score, object_id in sorted(rows, reverse=True)]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    words=st.lists(st.sampled_from(QUERY_WORDS), min_size=1, max_size=3, unique=True),
    page_size=st.integers(min_value=1, max_value=7),
)
@pytest.mark.parametrize("window", [services.WINDOW, 7])
def test_every_page_follows_the_score(documents, monkeypatch, window, words, page_size):
    monkeypatch.setattr(services, "WINDOW", window)
    query = " ".join(words)
    expected = _model_order(query)
    assert SearchDocument.objects.filter(type="organizations").count() == 40
    assert len(expected) <= window

    pages: list[tuple[int, float]] = []
    for offset in range(0, len(expected) + page_size, page_size):
        page = search(query, viewer=None, types=["organizations"], limit=page_size, offset=offset)
        assert page.count == len(expected)
        pages += [(hit.id, hit.score) for hit in page.items]
    assert pages == expected


def test_a_title_tie_is_broken_by_the_body(db):
    """Three documents with 防災 in the title: the one whose body has it too comes first,
    though it is the oldest; one with 防災 only in its body comes last."""
    both = OrganizationFactory(name="防災の会", name_kana="", description="防災訓練をします。")
    title_only = [
        OrganizationFactory(name=f"防災の集い{n}", name_kana="", description="清掃活動です。")
        for n in range(2)
    ]
    body_only = OrganizationFactory(name="町内会", name_kana="", description="防災も考えます。")

    for limit in (1, 2, 4):
        page = search("防災", viewer=None, types=["organizations"], limit=limit)
        assert [hit.id for hit in page.items] == [
            both.pk,
            title_only[1].pk,
            title_only[0].pk,
            body_only.pk,
        ][:limit]


@pytest.mark.parametrize("limit", [1, 3])
def test_an_old_document_with_the_word_in_its_body_too_beats_many_newer_title_ties(db, limit):
    """Many newer documents tie on the title, and none of them has the word in its body: the
    oldest, which has, is still found and comes first."""
    oldest = OrganizationFactory(name="防災の会", name_kana="", description="防災訓練をします。")
    newer = [
        OrganizationFactory(name=f"防災の集い{n}", name_kana="", description="清掃活動です。")
        for n in range(4 * limit + 4)
    ]

    page = search("防災", viewer=None, types=["organizations"], limit=limit)
    expected = [oldest.pk] + [org.pk for org in reversed(newer)]
    assert [hit.id for hit in page.items] == expected[:limit]
    assert [hit.score for hit in page.items] == [60.0] + [50.0] * (limit - 1)


def test_with_five_terms_or_more_the_body_can_outweigh_a_title_term(db):
    """生理用品 後継者 asks for six terms (each compound and its parts). One document has all
    six in its title and none in its body (300); the other five in its title and all six in
    its body (310): it comes first, even on a page of one."""
    title_only = OrganizationFactory(
        name="生理用品と後継者", name_kana="", description="清掃活動です。"
    )
    both = OrganizationFactory(
        name="生理用品と後継の者", name_kana="", description="生理用品と後継者の話。"
    )

    for limit in (1, 2):
        page = search("生理用品 後継者", viewer=None, types=["organizations"], limit=limit)
        assert [(hit.id, hit.score) for hit in page.items] == [
            (both.pk, 310.0),
            (title_only.pk, 300.0),
        ][:limit]
