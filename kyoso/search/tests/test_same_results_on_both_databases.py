"""One table of documents, queries and expected hits, run on SQLite and on PostgreSQL.

Run it on both::

    .venv/bin/pytest kyoso/search/tests/test_same_results_on_both_databases.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
        .venv/bin/pytest kyoso/search/tests/test_same_results_on_both_databases.py --create-db

Expected hits are tiers: a list of sets in rank order. Within a tier the order is not fixed
(bm25 and ts_rank may weigh near-equal documents differently); between tiers it is (for
example a match in the title ranks above a match in the body only).
"""

from __future__ import annotations

import pytest
from django.db import connection

from kyoso.search.services import matching_ids, search, similar
from kyoso.search.tests.conftest import CORPUS

T = list[set[str]]

TABLE: list[tuple[str, T]] = [
    # 2-character words
    ("防災", [{"bousai"}]),
    ("空き家", [{"akiya", "kuukiya"}, {"akiya2"}]),  # 空家 is normalized to 空き家
    # 1 character: the start of a word (子ども, 子育て), not inside one (様子)
    ("子", [{"kodomo", "kosodate"}, {"bousai"}]),
    ("子ども", [{"kodomo"}, {"bousai"}]),
    # a word inside a compound: 生理用品 is indexed as 生理用品, 生理 and 用品
    ("生理", [{"period"}, {"period2"}]),
    ("用品", [{"period"}]),
    ("生理用品", [{"period"}]),
    # kana variants: half-width, katakana, hiragana
    ("ｸｳｷﾔ", [{"kuukiya"}]),
    ("クウキヤ", [{"kuukiya"}]),
    ("くうきや", [{"kuukiya"}]),
    # full-width and case
    ("ＮＰＯ", [{"npo"}, {"kuukiya"}]),
    ("npo", [{"npo"}, {"kuukiya"}]),
    ("Npo法人", [{"kuukiya"}]),
    # long vowel mark at the end of a katakana word
    ("コンピューター", [{"computer"}]),
    ("コンピュータ", [{"computer"}]),
    # words are ANDed
    ("子ども 食堂", [{"kodomo"}]),
    ("高齢者 防災", [{"bousai"}]),
    ("女性", [{"period2", "it"}]),
    # phrases
    ('"子ども食堂"', [{"kodomo"}]),
    ("「空き家の相談」", [{"kuukiya"}]),
    ('"防災の訓練"', []),
    ('"生理用品', [{"period"}]),  # unclosed quote: phrase to the end
    # exclusions
    ("空き家 -移住", [{"akiya", "kuukiya"}]),
    ('高齢者 -"防災訓練"', [{"yousu", "computer"}]),
    ("-子", []),
    # operators and stray syntax are only words (or nothing)
    ("NEAR(子ども", []),
    ("子ども OR 空き家", []),
    ("子ども*", [{"kodomo"}, {"bousai"}]),
    ("'; DROP TABLE search_document; --", []),
    ('"', []),
    ("***", []),
    ("", []),
    ("の", []),
]


def _keys(corpus: dict, ids: list[int]) -> list[str]:
    by_id = {org.pk: key for key, org in corpus.items()}
    return [by_id[i] for i in ids]


def _assert_tiers(found: list[str], tiers: T) -> None:
    expected_count = sum(len(tier) for tier in tiers)
    assert len(found) == expected_count, found
    position = 0
    for tier in tiers:
        assert set(found[position : position + len(tier)]) == tier, found
        position += len(tier)


@pytest.mark.parametrize(("query", "tiers"), TABLE, ids=[q or "(empty)" for q, _ in TABLE])
def test_search_table(corpus, query, tiers):
    page = search(query, viewer=None, types=["organizations"], limit=50)

    found = _keys(corpus, [hit.id for hit in page.items])
    _assert_tiers(found, tiers)
    assert page.count == len(found)


@pytest.mark.parametrize(("query", "tiers"), TABLE, ids=[q or "(empty)" for q, _ in TABLE])
def test_matching_ids_table(corpus, query, tiers):
    _assert_tiers(_keys(corpus, matching_ids(query, type="organizations")), tiers)


SIMILAR: list[tuple[str, set[str]]] = [
    ("空き家を活用したい", {"akiya", "akiya2", "kuukiya"}),
    ("子ども食堂のボランティア", {"kodomo", "bousai"}),
    ("生理の貧困", {"period", "period2"}),
    ("これは", set()),
]


@pytest.mark.parametrize(("text", "expected"), SIMILAR)
def test_similar_table(corpus, text, expected):
    hits = similar(text, viewer=None, type="organizations", limit=10)

    assert set(_keys(corpus, [hit.id for hit in hits])) == expected


def test_the_table_ran_on_a_database_with_full_text_search(corpus):
    assert connection.vendor in {"sqlite", "postgresql"}
    assert len(CORPUS) == len(corpus)
