"""Snippets are made in Python from the stored body: escaped, whole words marked, the same on
both databases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyoso.search.query import parse
from kyoso.search.snippets import SNIPPET_CHARS, snippet_html
from kyoso.search.text import index_terms


def _snippet(body: str, query: str) -> str:
    return str(snippet_html(body, parse(query)))


@pytest.mark.parametrize(
    ("body", "query", "expected"),
    [
        # the word as written, variants included
        ("子供の居場所をつくる", "子ども", "<mark>子供</mark>の居場所をつくる"),
        ("空家を改修します", "空き家", "<mark>空家</mark>を改修します"),
        ("ｸｳｷﾔの相談", "くうきや", "<mark>ｸｳｷﾔ</mark>の相談"),
        ("ＮＰＯ法人です", "npo", "<mark>ＮＰＯ</mark>法人です"),
        # a part of a compound marks the part
        ("生理用品の配布", "用品", "生理<mark>用品</mark>の配布"),
        # one character: the start of words, not inside them
        (
            "様子を見て、子どもと子育ての話",
            "子",
            "様子を見て、<mark>子ども</mark>と<mark>子育て</mark>の話",
        ),
        # a long word is marked where it is written; a short one beside it only as a word
        ("様子を見に空き家バンクへ", "子 空き家", "様子を見に<mark>空き家</mark>バンクへ"),
        ("空き家で子育て", "子 空き家", "<mark>空き家</mark>で<mark>子育て</mark>"),
        # phrases are marked as a whole
        ("仙台の子ども食堂です", '"子ども食堂"', "仙台の<mark>子ども食堂</mark>です"),
        # markup in the body is escaped
        ("<b>防災</b>&訓練", "防災", "&lt;b&gt;<mark>防災</mark>&lt;/b&gt;&amp;訓練"),
        # nothing matches in the body (a title match): its beginning, unmarked
        ("相談窓口です", "空き家", "相談窓口です"),
        ("", "空き家", ""),
    ],
)
def test_marks(body, query, expected):
    assert _snippet(body, query) == expected


def test_a_window_around_the_first_match_with_ellipses():
    body = "あ" * 300 + "防災訓練" + "い" * 300

    snippet = _snippet(body, "防災")

    assert snippet.startswith("…")
    assert snippet.endswith("…")
    assert "<mark>防災</mark>訓練" in snippet
    assert len(snippet.replace("<mark>", "").replace("</mark>", "")) == SNIPPET_CHARS + 2


def test_line_breaks_become_spaces():
    assert _snippet("防災\n\n訓練", "訓練") == "防災 <mark>訓練</mark>"


def test_a_match_beyond_the_start_of_a_long_body_is_found():
    body = "これは長い前置きです。" * 1000 + "最後に防災の話をします。"

    assert "<mark>防災</mark>" in _snippet(body, "防災")


#: Pieces of bodies: words, words inside longer words (様子, 総合防災), variants (空家, 子供).
PIECES = [
    "様子を見て",
    "子どもと",
    "子育ての",
    "総合防災センター",
    "防災訓練に",
    "空家を",
    "空き家バンクへ",
    "生理用品の",
    "用品店で",
    "相談窓口です",
    "地域の",
    "。",
]
QUERIES = ["子", "防災", "空き家", "用品", "子ども", "生理用品", "子 防災", '"子ども"', "子育て"]


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), min_size=1, max_size=12),
    query=st.sampled_from(QUERIES),
)
def test_a_body_without_the_words_gets_the_same_snippet_without_analysis(pieces, query):
    """When the index says the body has none of the query's terms among its words (the
    search's body score is 0), the snippet is made without analysing the body, and is the
    same as the one the analysis gives."""
    body = "".join(pieces)
    parsed = parse(query)
    body_terms = index_terms(body)
    codes = [term.code for term in parsed.highlight_terms()]
    prefixes = [term.code for term in parsed.highlight_terms() if term.prefix]
    has_words = any(c in codes or c.startswith(tuple(prefixes)) for c in body_terms)
    if has_words:
        return
    assert str(snippet_html(body, parsed, body_has_words=False)) == _snippet(body, query)
