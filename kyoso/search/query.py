"""Search queries: what people type, parsed into a tree of terms that either database runs.

Syntax (anything else is just text):

- words separated by spaces must all match (AND);
- ``"quoted phrase"`` (also “…”, 「…」, 『…』) must appear as written, after folding; an
  unclosed quote runs to the end of the query;
- ``-word`` and ``-"phrase"`` exclude.

Inside a word, every long unit must match, either as itself (normalized form or surface) or
through all of its short parts; a word written only in kana also matches as a whole (くうきや
finds クウキヤ). A unit of one or two characters with a kanji or katakana in it also matches as
the beginning of a longer word, so 子 finds 子ども and 子育て (decision 0007).

Words (not phrases, not exclusions) are also *expanded* (decision 0010): a word in kana finds
the words read so (あきや → 空き家), a katakana word finds the katakana words it is part of
where known words meet (ツーリズム → エコツーリズム, バス → コミュニティバス), and a word finds
its synonyms, from Sudachi's dictionary and the region's own list (お年寄り → 高齢者). What
an expansion finds always ranks below what the words as typed find
(kyoso.search.services.score_sql), and is not looked for when the words as typed fill the
ranking window by themselves (kyoso.search.services._matches). Expansion is bounded:
:data:`kyoso.search.synonyms.MAX_PER_WORD` synonyms a word and :data:`MAX_EXPANSION_TERMS`
terms a query; a query that reached a bound says so
(``ParsedQuery.expansion_capped``).

Nothing typed reaches FTS5 or to_tsquery: terms are encoded to ``[a-z][a-z0-9]*``
(:func:`kyoso.search.text.encode_term`) and the operators are written here, so ``NEAR(``,
``*``, ``OR``, stray quotes or SQL fragments are only ever words or nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kyoso.core.text import normalize_text
from kyoso.search import synonyms
from kyoso.search.text import (
    CODE_CHAR,
    READING,
    SUFFIX,
    Unit,
    analyze,
    encode_term,
    fold,
    fold_text,
    is_ideograph,
    is_katakana,
    is_katakana_word,
    side_code,
)

#: Longer queries are cut to this many characters.
MAX_QUERY_LENGTH = 100
#: At most this many words, phrases and exclusions are used from one query.
MAX_ITEMS = 10
#: "Similar" looks at this many distinct content words of the text.
MAX_SIMILAR_WORDS = 24
#: A unit this short (with a kanji or katakana) also matches as a prefix.
PREFIX_MAX_CHARS = 2
#: A katakana word at least this long also finds the katakana words it is part of (バス in
#: コミュニティバス, ケア in ヘルスケア: parts are cut where known words meet, decision 0010).
PART_MIN_CHARS = 2
#: A kana word at least this long also finds the words read so.
READING_MIN_CHARS = 2
#: At most this many terms are added to one query by expansion.
MAX_EXPANSION_TERMS = 48

QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "『": "』"}
EXCLUDE = "-−"


# --- The term tree ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    text: str  # folded
    prefix: bool = False
    #: "" for a term of the text; READING or SUFFIX for a side term (kyoso.search.text).
    kind: str = ""
    #: Added by expanding the query (a reading, a katakana part, a synonym): it ranks below
    #: the words as typed.
    expansion: bool = False

    @property
    def code(self) -> str:
        return side_code(self.kind, self.text) if self.kind else encode_term(self.text)


@dataclass(frozen=True)
class AllOf:
    children: tuple[Expr, ...]


@dataclass(frozen=True)
class AnyOf:
    children: tuple[Expr, ...]


Expr = Term | AllOf | AnyOf


def _combine(kind: type[AllOf] | type[AnyOf], children: list[Expr | None]) -> Expr | None:
    flat: list[Expr] = []
    for child in children:
        if child is None:
            continue
        items = child.children if isinstance(child, kind) else (child,)
        for item in items:
            if item not in flat:
                flat.append(item)
    if not flat:
        return None
    if len(flat) == 1:
        return flat[0]
    return kind(tuple(flat))


def all_of(*children: Expr | None) -> Expr | None:
    return _combine(AllOf, list(children))


def any_of(*children: Expr | None) -> Expr | None:
    return _combine(AnyOf, list(children))


def terms_of(expr: Expr | None) -> list[Term]:
    if expr is None:
        return []
    if isinstance(expr, Term):
        return [expr]
    return [t for child in expr.children for t in terms_of(child)]


# --- Rendering for each database -------------------------------------------------------------


def to_fts5(expr: Expr) -> str:
    if isinstance(expr, Term):
        return f'"{expr.code}"' + ("*" if expr.prefix else "")
    joiner = " AND " if isinstance(expr, AllOf) else " OR "
    return "(" + joiner.join(to_fts5(child) for child in expr.children) + ")"


def _tsquery_prefix(code: str) -> str:
    """A "starts with" term in a tsquery: the exact lexeme ``0p<code>`` that every vector holds
    for the first character (a kana or kanji) and the first two characters of each of its
    terms (search migration 0004), read from the GIN index as one posting list; a prefix scan
    (``code:*``) for anything else. Both find the same documents."""
    chars = CODE_CHAR.findall(code)
    if "".join(chars) == code and (len(chars) == 2 or (len(chars) == 1 and code[0] in "xy")):
        return "0p" + code
    return code + ":*"


def to_tsquery(expr: Expr) -> str:
    if isinstance(expr, Term):
        return _tsquery_prefix(expr.code) if expr.prefix else expr.code
    joiner = " & " if isinstance(expr, AllOf) else " | "
    return "(" + joiner.join(to_tsquery(child) for child in expr.children) + ")"


# --- From units to expressions ---------------------------------------------------------------


def _is_short(term: str) -> bool:
    return len(term) <= PREFIX_MAX_CHARS and any(is_ideograph(c) or is_katakana(c) for c in term)


class Expansion:
    """What expanding one query may still add (:data:`MAX_EXPANSION_TERMS`), and whether a
    bound was reached."""

    def __init__(self, limit: int = MAX_EXPANSION_TERMS):
        self.left = limit
        self.capped = False
        #: The region's own synonyms, read at the first word that needs them (once a query).
        self._local: Mapping[str, frozenset[str]] | None = None
        #: The synonyms searched for, as written (for telling the person).
        self.synonyms_used: list[str] = []

    def add(self, expr: Expr | None) -> Expr | None:
        if expr is None:
            return None
        size = len(terms_of(expr))
        if size > self.left:
            self.capped = True
            return None
        self.left -= size
        return expr

    def synonyms(self, forms: list[str], group_ids: tuple[int, ...] = ()) -> list[Expr | None]:
        if self._local is None:
            self._local = synonyms.local_phrases()
        words, capped = synonyms.synonyms(forms, group_ids, self._local)
        self.capped |= capped
        exprs = []
        for word in words:
            expr = self.add(_synonym_expr(word))
            if expr is not None and word not in self.synonyms_used:
                self.synonyms_used.append(word)
            exprs.append(expr)
        return exprs


def _synonym_expr(word: str) -> Expr | None:
    """What a synonym matches: each of its units as itself (not through its parts, which would
    widen it further), all of them."""
    units = analyze(word)
    return all_of(*(any_of(*(Term(t, expansion=True) for t in u.terms())) for u in units))


def _unit_expr(unit: Unit, expansion: Expansion | None) -> Expr | None:
    short = _is_short(unit.surface) or _is_short(fold(unit.surface))
    own = any_of(*(Term(t, prefix=short) for t in unit.terms()))
    # A compound also matches through its parts when a document cut it differently: the
    # middle (B) split if Sudachi has one, else the short (A) split.
    parts = [p for p in (unit.parts_b or unit.parts_a) if p.terms]
    split = None
    if len(parts) > 1:
        split = all_of(*(any_of(*(Term(t) for t in p.terms)) for p in parts))
    if expansion is None:
        return any_of(own, split)
    more: list[Expr | None] = []
    folded = fold(unit.surface)
    if is_katakana_word(unit.surface) and len(folded) >= PART_MIN_CHARS:
        # A katakana word inside a longer one that Sudachi keeps whole: at its start (a term
        # beginning so) or further in (a suffix side term beginning so).
        # (A short word already matches terms it begins, as typed.)
        begins = None if short else Term(folded, prefix=True, expansion=True)
        more.append(
            expansion.add(any_of(begins, Term(folded, prefix=True, kind=SUFFIX, expansion=True)))
        )
    more += expansion.synonyms(list(unit.terms()), unit.word.synonym_groups)
    return any_of(own, split, *more)


def _only_kana(text: str) -> bool:
    return bool(text) and all("\u3041" <= c <= "\u30ff" for c in text)


def _is_honorific_prefix(unit: Unit) -> bool:
    """お / ご / 御 before a noun (お年寄り, ご意見): a document may write the noun without it."""
    return unit.pos[0] == "接頭辞" and unit.normalized == "御"


def word_expr(word: str, expansion: Expansion | None = None) -> Expr | None:
    """What one word of a query matches (see the module docstring); expanded when given an
    :class:`Expansion` to draw on."""
    units = analyze(word)
    if len(units) > 1:
        units = [u for u in units if not _is_honorific_prefix(u)] or units
    expr = all_of(*(_unit_expr(u, expansion) for u in units))
    whole = fold(word)
    if len(whole) >= 2 and _only_kana(whole) and (len(units) != 1 or whole not in units[0].terms()):
        expr = any_of(expr, Term(whole))
    if expansion is None or expr is None:
        return expr
    more: list[Expr | None] = []
    if len(whole) >= READING_MIN_CHARS and _only_kana(whole):
        more.append(expansion.add(Term(whole, kind=READING, expansion=True)))
    if len(units) > 1:
        # Synonyms of the word as a whole (非営利団体, a local 買い物難民); those of its units
        # are already in.
        more += expansion.synonyms([whole])
    return any_of(expr, *more)


def similar_expr(text: str) -> Expr | None:
    """Any of the content words of ``text`` (for "similar issues" while a title is typed)."""
    terms: list[Expr] = []
    for unit in analyze(normalize_text(text or "")[: MAX_QUERY_LENGTH * 5]):
        if not unit.is_content_word:
            continue
        # The unit and its parts, but not one-character parts (者 of 高齢者 would match
        # every 〜者).
        own = set(unit.terms())
        terms.extend(Term(t) for t in unit.all_terms() if t in own or len(t) > 1)
        if len(set(terms)) >= MAX_SIMILAR_WORDS:
            break
    return any_of(*terms)


# --- Parsing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    text: str
    phrase: bool
    excluded: bool


def split_items(raw: str) -> list[Item]:
    """The words, phrases and exclusions of a query, in order."""
    text = normalize_text(raw or "")[:MAX_QUERY_LENGTH]
    items: list[Item] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
            continue
        excluded = False
        while i < len(text) and text[i] in EXCLUDE:
            excluded = True
            i += 1
        if i >= len(text) or text[i].isspace():
            continue
        if text[i] in QUOTES:
            closing = QUOTES[text[i]]
            end = text.find(closing, i + 1)
            end = len(text) if end < 0 else end
            items.append(Item(text[i + 1 : end].strip(), phrase=True, excluded=excluded))
            i = end + 1
            continue
        start = i
        while i < len(text) and not text[i].isspace() and text[i] not in QUOTES:
            i += 1
        items.append(Item(text[start:i], phrase=False, excluded=excluded))
    return [item for item in items if item.text][:MAX_ITEMS]


@dataclass
class ParsedQuery:
    """A query ready to run: the index expression and the phrase conditions."""

    text: str
    required: list[Expr] = field(default_factory=list)
    excluded: list[Expr] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded_phrases: list[str] = field(default_factory=list)
    #: ``required`` before expansion (the same when nothing was expanded), one for one.
    typed: list[Expr] = field(default_factory=list)
    #: Expansion reached a bound (synonyms a word or terms a query): some were left out.
    expansion_capped: bool = False
    #: The synonyms the words were expanded to, as written.
    synonyms_used: list[str] = field(default_factory=list)

    @property
    def has_expansion(self) -> bool:
        """True when expansion added something to the words as typed."""
        return bool(self.typed) and self.typed != self.required

    def as_typed(self) -> ParsedQuery:
        """The same query without its expansion: the words as typed."""
        return replace(self, required=list(self.typed), synonyms_used=[], expansion_capped=False)

    @property
    def is_searchable(self) -> bool:
        """True when the index can narrow the search (at least one required term)."""
        return bool(self.required)

    @property
    def positive(self) -> Expr | None:
        return all_of(*self.required)

    @property
    def negative(self) -> Expr | None:
        return any_of(*self.excluded)

    def highlight_terms(self) -> list[Term]:
        """The terms to mark in snippets: those of the words and phrases asked for, then
        those their expansion added."""
        terms = [t for expr in self.required for t in terms_of(expr)]
        typed = [t for t in terms if not t.expansion]
        return list(dict.fromkeys([*typed, *(t for t in terms if t.expansion)]))

    def scored_terms(self) -> tuple[list[Term], list[list[Term]]]:
        """The terms the ranking weighs: those typed (each on its own), and for each word the
        terms its expansion added (which count as one, whichever matched)."""
        terms = [t for e in self.required for t in terms_of(e)]
        typed = list(dict.fromkeys(t for t in terms if not t.expansion))
        expanded = [
            list(dict.fromkeys(t for t in terms_of(e) if t.expansion)) for e in self.required
        ]
        return typed, [group for group in expanded if group]

    def fts5(self) -> str:
        query = to_fts5(self.positive) if self.positive else ""
        if self.negative is not None:
            query = f"{query} NOT {to_fts5(self.negative)}"
        return query

    def tsquery(self) -> str:
        query = to_tsquery(self.positive) if self.positive else ""
        if self.negative is not None:
            query = f"{query} & !{to_tsquery(self.negative)}"
        return query


def parse(raw: str, *, expand: bool = True) -> ParsedQuery:
    """``raw`` as a query; its words expanded unless ``expand`` is False. Phrases are never
    expanded (they ask for the words as written), nor are exclusions (what is left out stays
    predictable)."""
    parsed = ParsedQuery(text=normalize_text(raw or "")[:MAX_QUERY_LENGTH])
    expansion = Expansion() if expand else None
    for item in split_items(raw):
        typed = None
        if not item.phrase:
            expr = word_expr(item.text, None if item.excluded else expansion)
            if expansion is not None and not item.excluded:
                typed = word_expr(item.text)
        elif item.excluded:
            parsed.excluded_phrases.append(fold_text(item.text))
            continue
        else:
            parsed.phrases.append(fold_text(item.text))
            # The words of the phrase (analysed together, as in a document) narrow the search
            # through the index; the phrase itself is then checked on the folded text.
            expr = word_expr(item.text)
        if expr is None:
            continue
        if item.excluded:
            parsed.excluded.append(expr)
        else:
            parsed.required.append(expr)
            parsed.typed.append(typed if typed is not None else expr)
    if expansion is not None:
        parsed.expansion_capped = expansion.capped
        parsed.synonyms_used = expansion.synonyms_used
    return parsed


def parse_similar(text: str) -> ParsedQuery:
    expr = similar_expr(text)
    return ParsedQuery(text=text, required=[expr] if expr else [], typed=[expr] if expr else [])
