"""The secretariat's local synonyms, as the query side reads them: in memory, fresh without a
restart, and without a database query while nothing has changed.

:func:`local_synonyms` maps each folded word (kyoso.search.text.fold after
kyoso.core.text.normalize_text) to the folded words of every group it is in, itself left out.
Expansion is one step inside a group: a word shared by two groups reaches both groups' words,
and never the groups of those words (no chains, no loops). :func:`local_synonym_words` and
:func:`local_synonym_phrases` answer for one word; the phrases are the synonyms as the
secretariat wrote them (katakana kept), which is what SudachiPy should analyse to find their
index terms — a folded word is katakana turned into hiragana and cannot be analysed the same.

Freshness. Each process keeps what it loaded with the *generation* it read before loading: a
random token kept in Django's default cache under :data:`GENERATION_KEY`. Every write of the
services sets a new token once its transaction commits (:func:`changed_on_commit`); a process
whose token differs from the cache's loads again (one query). The default cache is what makes
this reach every process: in production it is a file cache shared by the gunicorn workers of
one host, and Redis (``CACHE_URL``) when several hosts serve the site (kyoso/settings), so a
change made through one worker is seen by the next search in any worker. A token, not a
counter: a cleared or evicted cache (the file cache culls entries past its maximum) cannot
bring back a value some process already holds, so an emptied cache also means "load again".

The safety net: a process also loads again when what it holds is older than
:data:`MAX_AGE_SECONDS`, so that a change the services did not make (a restored backup, a data
migration, a shell session) or a token that could not be written (cache unreachable) is seen
within a minute. Otherwise a search costs one cache read and no query.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "search:local-synonyms:generation"
MAX_AGE_SECONDS = 60.0

_EMPTY: frozenset[str] = frozenset()

#: The clock of the safety net (monotonic: a change of the system time does not matter).
_now = time.monotonic


@dataclass(frozen=True)
class _Loaded:
    generation: str | None
    loaded_at: float
    synonyms: Mapping[str, frozenset[str]]
    phrases: Mapping[str, frozenset[str]]


#: What this process loaded last (None: nothing yet). Replaced whole, never changed in place,
#: so threads that read it concurrently see one consistent load.
_loaded: _Loaded | None = None


def local_synonyms() -> Mapping[str, frozenset[str]]:
    """Folded word → the folded words of every group it is in (itself excluded).

    A read-only mapping shared by the process: use ``.get``, ``in`` and iteration.
    """
    return _current().synonyms


def local_synonym_words(folded_word: str) -> frozenset[str]:
    """The folded local synonyms of ``folded_word`` (already folded), empty when it has none."""
    return _current().synonyms.get(folded_word, _EMPTY)


def local_synonym_phrases(folded_word: str) -> frozenset[str]:
    """The local synonyms of ``folded_word`` as the secretariat wrote them (tidied), for
    analysing them into index terms; empty when it has none."""
    return _current().phrases.get(folded_word, _EMPTY)


def local_synonym_phrase_map() -> Mapping[str, frozenset[str]]:
    """Folded word → its local synonyms as the secretariat wrote them, for the whole process
    (read-only); what :func:`local_synonym_phrases` answers for one word."""
    return _current().phrases


def changed_on_commit() -> None:
    """Tell every process to load again once the current transaction commits (nothing if it
    rolls back). The services call it after each write."""
    transaction.on_commit(_new_generation)


def forget() -> None:
    """Drop what this process holds (tests; a new process starts this way)."""
    global _loaded
    _loaded = None


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, timeout=None)


def _current() -> _Loaded:
    global _loaded
    generation = cache.get(GENERATION_KEY)
    now = _now()
    held = _loaded
    if (
        held is not None
        and held.generation == generation
        and 0 <= now - held.loaded_at < MAX_AGE_SECONDS
    ):
        return held
    if generation is None:
        # A new or emptied cache: start a generation (the first process to add it wins, the
        # others read it back). Read before loading, so a change committed meanwhile makes the
        # token differ at the next search rather than be missed.
        cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    _loaded = held = _load(generation, now)
    return held


def _load(generation: str | None, now: float) -> _Loaded:
    from kyoso.search.models import LocalSynonymWord

    groups: dict[int, list[tuple[str, str]]] = {}
    rows = LocalSynonymWord.objects.order_by().values_list("group_id", "word", "folded")
    for group_id, word, folded in rows:
        groups.setdefault(group_id, []).append((word, folded))
    synonyms: dict[str, set[str]] = {}
    phrases: dict[str, set[str]] = {}
    for members in groups.values():
        for _word, folded in members:
            others = [(w, f) for w, f in members if f != folded]
            synonyms.setdefault(folded, set()).update(f for _w, f in others)
            phrases.setdefault(folded, set()).update(w for w, _f in others)
    return _Loaded(
        generation=generation,
        loaded_at=now,
        synonyms=MappingProxyType({k: frozenset(v) for k, v in synonyms.items()}),
        phrases=MappingProxyType({k: frozenset(v) for k, v in phrases.items()}),
    )
