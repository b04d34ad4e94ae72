"""Japanese text analysis for search: folding, SudachiPy units and index terms.

Every document and every query goes through the same steps, so the two always meet:

1. SudachiPy (sudachidict-core) cuts the text into long (C) units and tells each unit's short
   (A) and middle (B) parts, its normalized form (子ども → 子供, 空家 → 空き家, ｸｳｷﾔ → クウキヤ,
   サーバ → サーバー) and its part of speech. Particles, auxiliary verbs, symbols and spaces
   are dropped.
2. Each unit gives the terms: its normalized form and its surface, and the same for each of its
   parts, so 生理用品 is indexed as 生理用品, 生理 and 用品.
3. :func:`fold` makes the variants equal: NFKC (全角/半角), case folding, katakana → hiragana and
   the optional long vowel mark at the end of a kana word (コンピュータ/コンピューター).
4. :func:`encode_term` turns each folded term into lower-case ASCII letters and digits, starting
   with a letter. SQLite's unicode61 tokenizer and PostgreSQL's ``simple`` parser then both see
   every term as exactly one word, whatever the database's locale, and no query can carry FTS5
   or tsquery syntax (see docs/decisions/0007-japanese-search.md).
5. Besides its terms, a unit gives two kinds of *side terms* that only expanded queries read
   (decision 0010): its reading (``0r`` + the folded katakana reading, for a unit with a kanji:
   空き家 → 0r·あきや, so a word typed in kana finds it), and, for a katakana word that Sudachi
   keeps whole, each of its suffixes that starts a known word after known words (``0s`` + the
   suffix: エコツーリズム → 0s·つーりずむ), so that a part of it is found as "a suffix beginning
   with the part". Codes begin with a
   letter, so a side term (beginning with a digit) never equals or starts a term.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: Parts of speech that never become terms.
SKIPPED_POS = frozenset({"助詞", "助動詞", "補助記号", "空白", "記号"})
#: Parts of speech that count as content words for "similar" suggestions.
CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
#: A term longer than this (URL fragments, long runs of one character) is not indexed.
MAX_TERM_CHARS = 40
#: SudachiPy refuses inputs above 49,149 bytes; 4,000 characters stay far below it.
CHUNK_CHARS = 4000
#: Side-term markers (decision 0010): a reading, a suffix of a katakana word.
READING = "r"
SUFFIX = "s"
#: A katakana word at least this long (folded) is indexed with its suffixes; a suffix is at
#: least SUFFIX_MIN_CHARS long and never begins with a character no word begins with.
SUFFIX_WORD_MIN_CHARS = 4
SUFFIX_MIN_CHARS = 2
_NO_WORD_STARTS = frozenset("ぁぃぅぇぉっゃゅょゎゕゖーんゝゞ")

_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)}  # ァ..ヶ → ぁ..ゖ
_LONG_VOWEL = "ー"
_WHITESPACE = re.compile(r"\s+")
_BREAKS = re.compile(r"(?<=[。．！？!?\n])")


def _is_kana(char: str) -> bool:
    return "\u3041" <= char <= "\u30ff"


def is_ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or char in "々〆ヶ"


def is_katakana(char: str) -> bool:
    return "\u30a1" <= char <= "\u30fa"


def is_katakana_word(text: str) -> bool:
    """Written in katakana only, full or half width (the long vowel mark allowed, not first)."""
    text = unicodedata.normalize("NFKC", text)
    return bool(text) and is_katakana(text[0]) and all(is_katakana(c) or c == "ー" for c in text)


def side_code(kind: str, term: str) -> str:
    """The index code of a side term of ``kind`` (:data:`READING`, :data:`SUFFIX`): ``0``, the
    kind, then two base-36 digits a kana (its offset from U+3000). Side terms are all kana, so
    this is half the length of :func:`encode_term` (readings are a quarter of all terms);
    it is fixed-width, so prefix-free and prefix-preserving as well."""
    return "0" + kind + "".join(_kana_code(c) for c in term)


@lru_cache(maxsize=512)
def _kana_code(char: str) -> str:
    offset = ord(char) - 0x3000
    if not 0 <= offset < 36 * 36:
        raise ValueError(f"not a kana: {char!r}")
    return _BASE36[offset // 36] + _BASE36[offset % 36]


#: Parts of speech of the words a katakana compound is made of (ツーリズム, スマート).
_PART_POS = frozenset({"名詞", "形状詞"})
#: A part after a prefix that is not itself a known word (インバウンド, アーティストイン, which
#: Sudachi's dictionary does not have) must be at least this long: エコツー|リズム is not a cut.
_PART_AFTER_UNKNOWN_MIN_CHARS = 4
#: What comes before a part is at least this long (バ|スケットボール is no cut).
_HEAD_MIN_CHARS = 2


def _known_words(text: str) -> bool:
    """``text`` is made of words Sudachi's dictionary has (nouns, adjectival nouns): no unknown
    word, no symbol or particle."""
    morphemes = _boundary_tokenizer().tokenize(text)
    return len(morphemes) > 0 and all(
        not m.is_oov() and m.part_of_speech()[0] in _PART_POS for m in morphemes
    )


def _unknown_word(text: str) -> bool:
    morphemes = _boundary_tokenizer().tokenize(text)
    return len(morphemes) == 1 and morphemes[0].is_oov()


def part_suffixes(word: str) -> tuple[str, ...]:
    """The parts of a katakana word (as written) that a search finds it by, folded: each
    proper suffix of at least two characters that begins where a word can begin (not a small
    kana, ー or ン), is made of known words, and follows two or more characters of known
    words (エコ|ツーリズム, コミュニティ|バス, ヘルス|ケア) or, when at least four characters
    long, an unknown one (インバウンド|ツーリズム). So ツーリズム finds エコツーリズム but
    リズム does not (エコツー is no word), nor ション ワーケーション."""
    word = unicodedata.normalize("NFKC", word)
    found = []
    for i in range(_HEAD_MIN_CHARS, len(word) - SUFFIX_MIN_CHARS + 1):
        head, tail = word[:i], word[i:]
        folded = fold(tail)
        if folded[0] in _NO_WORD_STARTS or len(folded) < SUFFIX_MIN_CHARS:
            continue
        if not _known_words(tail):
            continue
        if _known_words(head) or (
            len(folded) >= _PART_AFTER_UNKNOWN_MIN_CHARS and _unknown_word(head)
        ):
            found.append(folded)
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=16384)
def fold_char(char: str) -> str:
    """One character folded: NFKC, case-folded, katakana as hiragana."""
    return unicodedata.normalize("NFKC", char).casefold().translate(_KATA_TO_HIRA)


def fold_text(text: str) -> str:
    """Running text folded for phrase matching (no word boundaries are known here)."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_KATA_TO_HIRA)
    return _WHITESPACE.sub(" ", folded).strip()


def fold(term: str) -> str:
    """A term folded: as :func:`fold_text`, and a kana word of four or more characters loses
    a final long vowel mark (JIS Z 8301 writes コンピュータ for コンピューター)."""
    folded = fold_text(term).replace(" ", "")
    if len(folded) >= 4 and folded[-1] == _LONG_VOWEL and _is_kana(folded[-2]):
        folded = folded[:-1]
    return folded


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """``text`` folded character by character, and for each folded character the index of the
    original character it came from (to put highlight marks back on the original text)."""
    folded_chars = list(map(fold_char, text))
    folded = "".join(folded_chars)
    if len(folded) == len(text):
        # Every character folded to one (the usual case): the offsets are the identity.
        return folded, range(len(text))
    offsets: list[int] = []
    for index, piece in enumerate(folded_chars):
        offsets.extend([index] * len(piece))
    return folded, offsets


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
#: One character of an encoded term, as :func:`_encode_char` writes it: no character's code
#: begins another's, so a term's code splits into characters one way only.
CODE_CHAR = re.compile(r"[a-w]|z.|x...|y....")


@lru_cache(maxsize=8192)
def _encode_char(char: str) -> str:
    if "a" <= char <= "w":
        return char
    if char in "0123456789xyz":
        return "z" + char
    code = ord(char)
    width, marker = (3, "x") if code < 36**3 else (4, "y")
    digits = []
    for _ in range(width):
        code, rest = divmod(code, 36)
        digits.append(_BASE36[rest])
    return marker + "".join(reversed(digits))


def encode_term(term: str) -> str:
    """A folded term as one database word: ``[a-z][a-z0-9]*``.

    Letters a–w stand for themselves; digits and x, y, z become ``z`` + the character; any
    other character becomes ``x`` + three base-36 digits (``y`` + four above U+B640). The code
    is prefix-free, so different terms never collide, and the code of a word starts with the
    code of every prefix of it, so prefix queries keep their meaning.
    """
    return "".join(_encode_char(c) for c in term)


@dataclass(frozen=True)
class Part:
    """A short (A) or middle (B) unit inside a long unit; offsets relative to the unit."""

    surface: str
    normalized: str
    pos: str
    begin: int
    end: int
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Word:
    """What the dictionary says about one long unit, whatever its place in a text."""

    surface: str
    normalized: str
    pos: tuple[str, ...]
    parts_a: tuple[Part, ...]
    parts_b: tuple[Part, ...]
    #: Folded normalized form and surface.
    terms: tuple[str, ...]
    #: The same and those of the middle and short parts, each once.
    all_terms: tuple[str, ...]
    #: Folded readings of the unit and of its middle (else short) parts that hold a kanji and
    #: differ from their terms (空き家 → あきや).
    readings: tuple[str, ...]
    #: Sudachi's synonym groups of the unit (kyoso.search.synonyms).
    synonym_groups: tuple[int, ...]
    #: ``all_terms`` encoded for the index, then the side terms (readings, katakana suffixes).
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Unit:
    """A long (C) unit at its place in the analysed text."""

    word: Word
    begin: int
    end: int

    @property
    def surface(self) -> str:
        return self.word.surface

    @property
    def pos(self) -> tuple[str, ...]:
        return self.word.pos

    @property
    def parts_a(self) -> tuple[Part, ...]:
        return self.word.parts_a

    @property
    def parts_b(self) -> tuple[Part, ...]:
        return self.word.parts_b

    @property
    def normalized(self) -> str:
        return self.word.normalized

    def terms(self) -> tuple[str, ...]:
        return self.word.terms

    def all_terms(self) -> tuple[str, ...]:
        return self.word.all_terms

    @property
    def is_content_word(self) -> bool:
        pos = self.word.pos
        return pos[0] in CONTENT_POS and pos[1] not in {"数詞", "非自立可能"}


def _distinct(*terms: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in terms if t and len(t) <= MAX_TERM_CHARS))


# --- The tokenizer: one dictionary per process, one tokenizer per thread ---------------------

_lock = threading.Lock()
_dictionary = None
_local = threading.local()


def _tokenizer():
    """SudachiPy's C-mode tokenizer for this thread.

    The dictionary (about 0.1–0.3 s to load) is created once per process, on first use;
    tokenizers are cheap and are not shared between threads.
    """
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        global _dictionary
        with _lock:
            if _dictionary is None:
                from sudachipy import Dictionary

                _dictionary = Dictionary(dict="core")
        from sudachipy import SplitMode

        tokenizer = _local.tokenizer = _dictionary.tokenizer(SplitMode.C)
    return tokenizer


def _boundary_tokenizer():
    """A second tokenizer of this thread, for analysing a word's pieces while the first one's
    results are still being read."""
    tokenizer = getattr(_local, "boundary_tokenizer", None)
    if tokenizer is None:
        _tokenizer()
        from sudachipy import SplitMode

        assert _dictionary is not None
        tokenizer = _local.boundary_tokenizer = _dictionary.tokenizer(SplitMode.C)
    return tokenizer


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of at most CHUNK_CHARS characters, cut after sentence ends where possible."""
    start = 0
    while start < len(text):
        end = start + CHUNK_CHARS
        if end < len(text):
            window = text[start:end]
            cuts = [m.start() for m in _BREAKS.finditer(window) if m.start() > 0]
            if cuts:
                end = start + cuts[-1]
        yield start, text[start:end]
        start = end


def _parts(morpheme, mode) -> tuple[tuple[Part, str], ...]:
    """The parts of ``morpheme`` in ``mode`` (none when it is not split), each with its
    folded reading."""
    split = morpheme.split(mode)
    if len(split) < 2:
        return ()
    base = morpheme.begin()
    parts = []
    for p in split:
        surface, normalized = p.surface(), p.normalized_form()
        pos = p.part_of_speech()[0]
        terms = () if pos in SKIPPED_POS else _distinct(fold(normalized), fold(surface))
        part = Part(surface, normalized, pos, p.begin() - base, p.end() - base, terms)
        parts.append((part, fold(p.reading_form())))
    return tuple(parts)


def _readings(surface: str, pos: str, reading: str, terms: tuple[str, ...]) -> tuple[str, ...]:
    """The reading of a word or part worth indexing: a noun with a kanji, read differently from
    how it is written (a kana word's reading is its own term). Nouns are what people type in
    kana (あきや, こそだて, さかた); verbs' and adjectives' readings would add a fifth to the
    index for words rarely searched so (decision 0010)."""
    if not terms or pos != "名詞" or not any(is_ideograph(c) for c in surface):
        return ()
    if reading in terms:
        return ()
    if len(reading) < 2 or not all(_is_kana(c) for c in reading):
        return ()
    return (reading,)


def _side_codes(
    word_terms: tuple[str, ...], surface: str, readings: tuple[str, ...], parts: tuple[Part, ...]
) -> tuple[str, ...]:
    """The side terms of a word: its readings, and the suffixes of each katakana word in it
    that Sudachi does not cut further (the word itself, or each of its parts)."""
    codes = [side_code(READING, r) for r in readings]
    leaves = [(p.surface, p.terms) for p in parts] if parts else [(surface, word_terms)]
    for leaf_surface, leaf_terms in leaves:
        if not is_katakana_word(leaf_surface) or not leaf_terms:
            continue
        if len(fold(leaf_surface)) >= SUFFIX_WORD_MIN_CHARS:
            codes += [side_code(SUFFIX, s) for s in part_suffixes(leaf_surface)]
    return tuple(dict.fromkeys(codes))


#: Words already seen, by (dictionary word id, surface): words repeat a lot in text, and
#: splitting and folding a word costs several times more than finding it. None: not a term.
_WORDS: dict[tuple[int, str], Word | None] = {}
_WORDS_MAX = 200_000


def _word(morpheme) -> Word | None:
    key = (morpheme.word_id(), morpheme.surface())
    try:
        return _WORDS[key]
    except KeyError:
        pass
    from sudachipy import SplitMode

    pos = morpheme.part_of_speech()
    word = None
    if pos[0] not in SKIPPED_POS:
        surface, normalized = morpheme.surface(), morpheme.normalized_form()
        read_a, read_b = _parts(morpheme, SplitMode.A), _parts(morpheme, SplitMode.B)
        parts_a = tuple(part for part, _reading in read_a)
        parts_b = tuple(part for part, _reading in read_b)
        terms = _distinct(fold(normalized), fold(surface))
        all_terms = _distinct(*terms, *(t for part in (*parts_b, *parts_a) for t in part.terms))
        noun = pos[0] if pos[1] != "数詞" else ""
        readings = _readings(surface, noun, fold(morpheme.reading_form()), terms)
        for part, reading in read_b or read_a:
            readings += _readings(part.surface, part.pos if noun else "", reading, part.terms)
        readings = tuple(dict.fromkeys(r for r in readings if len(r) <= MAX_TERM_CHARS))
        codes = tuple(encode_term(t) for t in all_terms) + _side_codes(
            terms, surface, readings, parts_a
        )
        word = Word(
            surface,
            normalized,
            pos,
            parts_a,
            parts_b,
            terms,
            all_terms,
            readings,
            tuple(morpheme.synonym_group_ids()),
            codes,
        )
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[key] = word
    return word


def analyze(text: str) -> list[Unit]:
    """The long units of ``text`` that can be searched for (function words are left out)."""
    if not text:
        return []
    tokenizer = _tokenizer()
    units: list[Unit] = []
    for offset, chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            word = _word(morpheme)
            if word is not None:
                units.append(Unit(word, offset + morpheme.begin(), offset + morpheme.end()))
    return units


def index_terms(text: str) -> list[str]:
    """The encoded terms of ``text``, each once, in the order they first occur.

    The ranking only asks whether a text has a term (``score_sql``) and no query reads term
    positions (phrases are checked on the folded text), so a repeat would only make the index
    larger and the ranking's look-ups in the term text longer.
    """
    if not text:
        return []
    tokenizer = _tokenizer()
    codes: dict[str, None] = {}
    for _offset, chunk in _chunks(text):
        for morpheme in tokenizer.tokenize(chunk):
            word = _word(morpheme)
            if word is not None:
                codes.update(dict.fromkeys(word.codes))
    return list(codes)


def index_text(text: str) -> str:
    """The terms as the space-separated text the FTS5 table and the tsvector are built from."""
    return " ".join(index_terms(text))
