"""Synonyms for query expansion: Sudachi's synonym dictionary and the region's own list.

Sudachi's dictionary (SudachiDict's synonyms.txt, Apache-2.0, by Works Applications; fetched
from the npm registry by ``scripts/synonyms.sh`` and kept as ``data/sudachi_synonyms.tsv.gz``)
puts words of one meaning in a group: 高齢者, 年寄り, 老人, 老齢者, シニア; 障害者, 障がい者,
障碍者. Sudachi's analysis gives each dictionary word the groups it belongs to, and the table
gives each group its words. A word's expansion flag says whether it may start an expansion
(0), only be reached by one (1: シニア, NPO), or neither (2: left out of the table).

Expansion happens on the query side only (decision 0010): the index never holds synonyms, so a
new dictionary or a new local synonym takes effect on the next search, with no reindexing.
Expansion is one step (a synonym's own synonyms are never added), so no entry can loop, and it
is capped (:data:`MAX_PER_WORD`).
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "sudachi_synonyms.tsv.gz"
#: At most this many synonyms are added for one word of a query (the closest first: variant
#: spellings of the same word, then the other words of the group).
MAX_PER_WORD = 8


@dataclass(frozen=True)
class Entry:
    word: str
    folded: str
    vocabulary: int
    flag: int


@dataclass(frozen=True)
class _Table:
    #: Each group's lines, parsed only when a query reaches the group.
    groups: dict[int, str]
    #: Each folded word's groups.
    by_word: dict[str, tuple[int, ...]]

    def entries(self, group_id: int) -> list[Entry]:
        entries = []
        for line in self.groups.get(group_id, "").splitlines():
            _group, vocabulary, flag, word, folded = line.split("\t")
            entries.append(Entry(word, folded, int(vocabulary), int(flag)))
        return entries


_lock = threading.Lock()
_table: _Table | None = None


def _load() -> _Table:
    global _table
    if _table is not None:
        return _table
    with _lock:
        if _table is None:
            # About 70,000 words in 25,000 groups: 0.2 s and ~15 MB, once per process, on the
            # first expanded query.
            groups: dict[int, list[str]] = {}
            by_word: dict[str, tuple[int, ...]] = {}
            with gzip.open(TABLE, "rt", encoding="utf-8") as handle:
                for line in handle.read().splitlines():
                    group_text, _vocabulary, _flag, _word, folded = line.split("\t")
                    group = int(group_text)
                    groups.setdefault(group, []).append(line)
                    known = by_word.get(folded, ())
                    if group not in known:
                        by_word[folded] = (*known, group)
            _table = _Table({key: "\n".join(lines) for key, lines in groups.items()}, by_word)
    return _table


def dictionary_synonyms(forms: Iterable[str], group_ids: Iterable[int] = ()) -> list[str]:
    """Sudachi's synonyms of a word written as any of ``forms`` (folded: its normalized form and
    surface), in the groups Sudachi gave it (``group_ids``) or that list it: the words as
    written in the dictionary, closest first, without the word itself."""
    table = _load()
    forms = [f for f in forms if f]
    own = set(forms)
    ids = list(dict.fromkeys([*group_ids, *(i for f in forms for i in table.by_word.get(f, ()))]))
    found: dict[str, tuple[int, int, str]] = {}
    for rank, group_id in enumerate(ids):
        entries = table.entries(group_id)
        source = [e for e in entries if e.folded in own]
        if any(e.flag != 0 for e in source):
            continue  # the word may be reached by an expansion but not start one (シニア)
        vocabulary = source[0].vocabulary if source else None
        for entry in entries:
            if entry.folded in own or entry.folded in found:
                continue
            closeness = 0 if entry.vocabulary == vocabulary else 1
            found[entry.folded] = (closeness, rank, entry.word)
    ordered = sorted(found.values(), key=lambda item: (item[0], item[1]))
    return [word for _closeness, _rank, word in ordered]


def local_phrases() -> Mapping[str, frozenset[str]]:
    """The region's own synonyms (kept by the secretariat, kyoso.search.synonyms_local): each
    folded word → its synonyms as the secretariat typed them, which Sudachi analyses as it
    analyses documents (their folded forms would not: 酒田市産業振興まちづくりせんた). Read once
    a query (one cache read, no database query while nothing changed)."""
    from kyoso.search.synonyms_local import local_synonym_phrase_map

    return local_synonym_phrase_map()


def synonyms(
    forms: Iterable[str],
    group_ids: Iterable[int] = (),
    local: Mapping[str, frozenset[str]] | None = None,
) -> tuple[list[str], bool]:
    """The synonyms to expand a query word written as any of ``forms`` (folded) to: local ones
    (from ``local``, :func:`local_phrases`, read here when not given) first, then Sudachi's; at
    most :data:`MAX_PER_WORD`, and whether some were left out for that cap."""
    forms = list(dict.fromkeys(f for f in forms if f))
    local = local_phrases() if local is None else local
    own = [w for form in forms for w in sorted(local.get(form, ()))]
    words = list(dict.fromkeys([*own, *dictionary_synonyms(forms, group_ids)]))
    return words[:MAX_PER_WORD], len(words) > MAX_PER_WORD
