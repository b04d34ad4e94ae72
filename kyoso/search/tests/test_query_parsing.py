"""What people type becomes words, phrases and exclusions; nothing reaches the full-text
syntax except encoded terms and the operators written by the parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyoso.search.query import Item, parse, split_items, terms_of

FTS5_TOKEN = re.compile(r'"[a-z][a-z0-9]*"\*?|\(|\)|AND|OR|NOT')
#: A term, a 0p prefix lexeme, or a side term (0r reading, 0s katakana suffix: decision 0010).
TSQUERY_TOKEN = re.compile(r"(0p)?[a-z][a-z0-9]*(:\*)?|0[rs][a-z0-9]+(:\*)?|\(|\)|&|\||!")


@pytest.mark.parametrize(
    ("raw", "items"),
    [
        ("子ども 食堂", [Item("子ども", False, False), Item("食堂", False, False)]),
        ("子ども　食堂", [Item("子ども", False, False), Item("食堂", False, False)]),
        ('"子ども 食堂" 仙台', [Item("子ども 食堂", True, False), Item("仙台", False, False)]),
        ("「空き家の相談」", [Item("空き家の相談", True, False)]),
        ("“防災 訓練”", [Item("防災 訓練", True, False)]),
        ('"生理用品', [Item("生理用品", True, False)]),
        ("空き家 -移住", [Item("空き家", False, False), Item("移住", False, True)]),
        ('空き家 -"移住 支援"', [Item("空き家", False, False), Item("移住 支援", True, True)]),
        ("空き家 －移住", [Item("空き家", False, False), Item("移住", False, True)]),
        ("- 子", [Item("子", False, False)]),
        ("980-0001", [Item("980-0001", False, False)]),
        ('""', []),
        ("", []),
    ],
)
def test_split_items(raw, items):
    assert split_items(raw) == items


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("NEAR(子ども 食堂, 2)", {"near", "子ども", "食堂", "2"}),
        ("'; DROP TABLE x; --", {"drop", "table", "x"}),
        ("AND OR NOT", {"and", "or", "not"}),
        ("title_terms:子", {"title", "terms", "子"}),
    ],
)
def test_syntax_is_only_ever_words(raw, words):
    parsed = parse(raw)

    written = {term.text for expr in parsed.required for term in terms_of(expr)}
    assert words <= written
    assert parsed.excluded == []
    for token in FTS5_TOKEN.findall(parsed.fts5()):
        assert token in {"(", ")", "AND", "OR", "NOT"} or token.startswith('"')


@given(st.text(max_size=120))
def test_any_text_parses_into_safe_fts5_and_tsquery(raw):
    parsed = parse(raw)

    if not parsed.is_searchable:
        return
    fts5 = parsed.fts5()
    assert re.fullmatch(r'[()"a-z0-9* ANDORT]*', fts5), fts5
    tsquery = parsed.tsquery()
    leftover = TSQUERY_TOKEN.sub("", tsquery).strip()
    assert leftover == "", tsquery
    for phrase in parsed.phrases + parsed.excluded_phrases:
        assert "\x00" not in phrase
