"""Highlighted snippets, made in Python from the stored body so both databases show the same.

The snippet is a window of about 110 characters around the first place where a word of the
query appears, HTML-escaped, with ``<mark>`` around each matching word as it is written in the
text (its surface form: a search for 子供 marks 子ども). Finding the place is a substring search
on the folded body. A term of three or more characters found this way is marked as found; a
shorter one can sit inside an unrelated word, so the few characters around each place where it
occurs are cut into units by SudachiPy to mark whole words only: 子 marks 子ども but not the 子
inside 様子. When only a variant spelling matches (空家 for 空き家), the beginning of the body is
analysed instead. Analysis is what costs (about a microsecond a character), so it is done as
little as possible: around the places found, not over the whole window; and not at all when
the index already says that the body has none of the query's words (the body's part of the
ranking score is 0): the places found can then only be inside longer words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kyoso.search.query import ParsedQuery, Term
from kyoso.search.text import READING, SUFFIX, analyze, fold_with_offsets

SNIPPET_CHARS = 110
CONTEXT_BEFORE = 30
#: How far into the body matches are looked for.
SCAN_CHARS = 20_000
#: How much of the body's beginning is analysed when no written form matched.
ANALYSE_CHARS = 400
#: Terms at least this long are marked where their folded form occurs, without analysis.
TRUSTED_CHARS = 3
#: Candidate places tried before giving up on whole-word marks.
MAX_CANDIDATES = 5
#: Characters analysed on each side of a candidate to see which word it belongs to.
CONTEXT = 12
ELLIPSIS = "…"
_SPACES = re.compile(r"\s+")

Span = tuple[int, int]


class _Matcher:
    """Whether any of a unit's (or part's) terms is one of ``terms``, or begins with a prefix
    term, or (for a word typed in kana) any of its readings is one: one set lookup and one
    ``startswith`` a candidate, however many terms."""

    def __init__(self, terms: Iterable[Term]):
        terms = list(terms)
        self.exact = frozenset(t.text for t in terms if not t.prefix and not t.kind)
        self.prefixes = tuple(t.text for t in terms if t.prefix and not t.kind)
        self.readings = frozenset(t.text for t in terms if t.kind == READING)

    def __call__(self, candidates: Iterable[str], readings: Iterable[str] = ()) -> bool:
        exact, prefixes = self.exact, self.prefixes
        return any(c in exact or (prefixes and c.startswith(prefixes)) for c in candidates) or (
            bool(self.readings) and any(r in self.readings for r in readings)
        )


def _word_spans(text: str, start: int, end: int, terms: list[Term]) -> list[Span]:
    """Spans of the units (or parts of units) in ``text[start:end]`` matching ``terms``."""
    matches = _Matcher(terms)
    spans: list[Span] = []
    for unit in analyze(text[start:end]):
        if matches(unit.terms(), unit.word.readings):
            spans.append((start + unit.begin, start + unit.end))
            continue
        for part in (*unit.parts_b, *unit.parts_a):
            if matches(part.terms):
                spans.append((start + unit.begin + part.begin, start + unit.begin + part.end))
    return spans


def _phrase_spans(folded: str, offsets: Sequence[int], phrases: list[str], start: int, end: int):
    spans: list[Span] = []
    for phrase in phrases:
        if not phrase:
            continue
        at = folded.find(phrase)
        while at >= 0:
            first, last = offsets[at], offsets[at + len(phrase) - 1] + 1
            if first < end and last > start:
                spans.append((first, last))
            at = folded.find(phrase, at + 1)
    return spans


def _merge(spans: list[Span], start: int, end: int) -> list[Span]:
    merged: list[Span] = []
    for first, last in sorted(spans):
        first, last = max(first, start), min(last, end)
        if first >= last:
            continue
        if merged and first <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def _window(length: int, position: int) -> Span:
    start = max(0, position - CONTEXT_BEFORE)
    end = min(length, start + SNIPPET_CHARS)
    return max(0, end - SNIPPET_CHARS), end


def _render(text: str, start: int, end: int, spans: list[Span]) -> SafeString:
    pieces = [ELLIPSIS] if start > 0 else []
    cursor = start
    for first, last in _merge(spans, start, end):
        pieces.append(escape(_SPACES.sub(" ", text[cursor:first])))
        pieces.append("<mark>" + escape(_SPACES.sub(" ", text[first:last])) + "</mark>")
        cursor = last
    pieces.append(escape(_SPACES.sub(" ", text[cursor:end])))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return mark_safe("".join(pieces).strip())  # noqa: S308 - every piece is escaped above


def _occurrences(folded: str, needles: Iterable[str], begin: int = 0, end: int | None = None):
    """(position, length) of each needle in ``folded[begin:end]``, in order."""
    end = len(folded) if end is None else end
    found: set[tuple[int, int]] = set()
    for needle in needles:
        at = folded.find(needle, begin, end) if needle else -1
        while at >= 0:
            found.add((at, len(needle)))
            at = folded.find(needle, at + 1, end)
    return sorted(found)


def _trusted(term: Term) -> bool:
    """Marked where its folded form occurs: a long word, or a katakana word's part (found
    inside a longer katakana word, ツーリズム in エコツーリズム)."""
    return len(term.text) >= TRUSTED_CHARS and (not term.prefix or term.kind == SUFFIX)


def _analysed(text: str, start: int, end: int, terms: list[Term], places: list[Span]) -> list[Span]:
    """Whole words matching ``terms`` at ``places`` (where a short term's folded form occurs)
    inside the window ``text[start:end]``.

    Only a little context on each side of each place is analysed, not the whole window: the
    analysis costs about a microsecond a character, and a place is rarely more than a word or
    two away from where its word begins and ends.
    """
    if not terms:
        return []
    inside = sorted((a, b) for a, b in places if a < end and b > start)
    regions: list[Span] = []
    for first, last in inside:
        if regions and first - CONTEXT <= regions[-1][1] + CONTEXT:
            regions[-1] = (regions[-1][0], max(regions[-1][1], last))
        else:
            regions.append((first, last))
    spans: list[Span] = []
    for first, last in regions:
        found = _word_spans(text, max(0, first - CONTEXT), min(len(text), last + CONTEXT), terms)
        # A word cut by the edge of the context may be analysed wrongly: keep the words that
        # hold one of the places.
        spans += [(a, b) for a, b in found if a < last and b > first and a < end and b > start]
    return spans


def snippet_html(body: str, parsed: ParsedQuery, *, body_has_words: bool = True) -> SafeString:
    """The highlighted snippet of ``body`` for ``parsed`` (see the module docstring).

    ``body_has_words=False``: the index found none of the query's terms among the body's words
    (the search's score says so), so no analysis is done to look for them; what is marked is
    what needs none: phrases and long words as written, else short words inside longer ones.
    """
    text = (body or "")[:SCAN_CHARS]
    if not text.strip():
        return mark_safe("")
    terms = parsed.highlight_terms()
    short_terms = [t for t in terms if not _trusted(t)]
    folded, offsets = fold_with_offsets(text)

    def spans_of(words: Iterable[str]) -> list[Span]:
        return [(offsets[at], offsets[at + n - 1] + 1) for at, n in _occurrences(folded, words)]

    trusted = _phrase_spans(folded, offsets, parsed.phrases, 0, len(text))
    trusted += spans_of(sorted({t.text for t in terms if _trusted(t)}))
    candidates = spans_of(sorted({t.text for t in short_terms}))
    if trusted:
        start, end = _window(len(text), min(trusted)[0])
        spans = [span for span in trusted if span[0] < end and span[1] > start]
        if body_has_words:
            spans += _analysed(text, start, end, short_terms, candidates)
        return _render(text, start, end, spans)
    if not body_has_words:
        return _inside_words(text, candidates)
    tried_until = -1
    for first, _last in candidates[:MAX_CANDIDATES]:
        if first < tried_until:
            continue  # already analysed with the previous window
        start, end = _window(len(text), first)
        tried_until = end
        spans = _analysed(text, start, end, short_terms, candidates)
        if spans:
            return _render(text, start, end, spans)
    # Only a variant spelling matched (空家 for 空き家): analyse the beginning of the body.
    spans = _word_spans(text, 0, min(len(text), ANALYSE_CHARS), terms)
    if spans:
        start, end = _window(len(text), min(spans)[0])
        return _render(text, start, end, spans)
    return _inside_words(text, candidates)


def _inside_words(text: str, candidates: list[Span]) -> SafeString:
    """The words only occur inside longer words: mark them as written (or, with none, the
    beginning of the body)."""
    if candidates:
        start, end = _window(len(text), candidates[0][0])
        return _render(text, start, end, candidates)
    return _render(text, 0, min(len(text), SNIPPET_CHARS), [])
