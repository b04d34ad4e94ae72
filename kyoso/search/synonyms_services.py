"""The secretariat's local synonyms: checking a group's words, adding, changing, deleting.

Kept apart from kyoso.search.services (indexing and searching). Every write is audited and,
once committed, makes every process load the synonyms again at its next search
(kyoso.search.synonyms_local.changed_on_commit): no restart, no reindex.

A group's words are checked together and every problem is reported at once, each message
naming the word. Two words that fold to the same (サンロク and さんろく, ＮＰＯ and npo) are
refused rather than merged: the message tells the secretariat that search already treats them
as one, which is worth knowing, and nothing is dropped behind their back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from django.utils.functional import Promise

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.text import normalize_text, tidy_text
from kyoso.search import messages
from kyoso.search.models import LocalSynonymGroup, LocalSynonymWord
from kyoso.search.synonyms_local import changed_on_commit
from kyoso.search.text import analyze, fold

MIN_WORDS = 2
MAX_WORDS = 20
MAX_WORD_CHARS = 50
MAX_NOTE_CHARS = 200
#: A word quoted in a message is cut to this many characters.
QUOTED_CHARS = 20


class LocalSynonymsRefused(Exception):
    """The words (or the group) cannot be saved; ``problems`` are messages for the form."""

    def __init__(self, problems: Sequence[str | Promise]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class CheckedWord:
    #: As entered, tidied (kyoso.core.text.tidy_text).
    word: str
    #: kyoso.search.text.fold(kyoso.core.text.normalize_text(word)).
    folded: str


def _quoted(word: str) -> str:
    return word if len(word) <= QUOTED_CHARS else word[:QUOTED_CHARS] + "…"


def checked_synonym_words(words: Sequence[str]) -> list[CheckedWord]:
    """The words of one group, tidied and folded, in the order given.

    Raises :class:`LocalSynonymsRefused` with every problem found: a word that is empty, too
    long or has nothing searchable (only symbols or particles), two words that search treats
    as the same, more than MAX_WORDS or fewer than MIN_WORDS words.
    """
    problems: list[str] = []
    # (as typed, for the messages; tidied, to store) for every word that is not empty.
    present = [(word.strip(), tidied) for word in words if (tidied := tidy_text(word))]
    if len(present) < len(words):
        problems.append(str(messages.SYNONYM_EMPTY))
    if len(present) > MAX_WORDS:
        # Refused before any analysis: a pasted list can be long.
        problems.append(messages.SYNONYMS_TOO_MANY % {"limit": MAX_WORDS, "count": len(present)})
        raise LocalSynonymsRefused(problems)
    checked: list[CheckedWord] = []
    seen: dict[str, str] = {}
    for typed, word in present:
        if len(word) > MAX_WORD_CHARS:
            problems.append(
                messages.SYNONYM_TOO_LONG % {"word": _quoted(typed), "limit": MAX_WORD_CHARS}
            )
            continue
        normalized = normalize_text(word)
        folded = fold(normalized)
        if not folded or not analyze(normalized):
            problems.append(messages.SYNONYM_NOT_SEARCHABLE % {"word": _quoted(typed)})
        elif folded in seen:
            problems.append(
                messages.SYNONYM_SAME_AS_OTHER
                % {"word": _quoted(typed), "other": _quoted(seen[folded])}
            )
        else:
            seen[folded] = typed
            checked.append(CheckedWord(word=word, folded=folded))
    if len(present) < MIN_WORDS:
        problems.append(str(messages.SYNONYMS_TOO_FEW))
    if problems:
        raise LocalSynonymsRefused(problems)
    return checked


def _checked_note(note: str) -> str:
    note = tidy_text(note)
    if len(note) > MAX_NOTE_CHARS:
        raise LocalSynonymsRefused([messages.SYNONYM_NOTE_TOO_LONG % {"limit": MAX_NOTE_CHARS}])
    return note


def _store_words(group: LocalSynonymGroup, checked: Sequence[CheckedWord]) -> None:
    LocalSynonymWord.objects.bulk_create(
        LocalSynonymWord(group=group, position=position, word=item.word, folded=item.folded)
        for position, item in enumerate(checked)
    )


def _locked(group: LocalSynonymGroup) -> LocalSynonymGroup | None:
    """The group's row, locked on PostgreSQL until the transaction ends; None if deleted."""
    return LocalSynonymGroup.objects.select_for_update().filter(pk=group.pk).first()


@transaction.atomic
def local_synonym_group_create(
    *,
    actor: Any,
    words: Sequence[str],
    note: str = "",
    request: HttpRequest | None = None,
) -> LocalSynonymGroup:
    """Add a group of words that mean the same; raises :class:`LocalSynonymsRefused`."""
    checked = checked_synonym_words(words)
    note = _checked_note(note)
    group = LocalSynonymGroup.objects.create(
        note=note, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    _store_words(group, checked)
    prefetch_related_objects([group], "words")
    audit_record(
        actor=actor,
        action=AuditEvent.Action.LOCAL_SYNONYMS_ADDED,
        target=group,
        data={"words": [item.word for item in checked], "note": note},
        request=request,
    )
    changed_on_commit()
    return group


@transaction.atomic
def local_synonym_group_update(
    *,
    actor: Any,
    group: LocalSynonymGroup,
    words: Sequence[str],
    note: str = "",
    request: HttpRequest | None = None,
) -> LocalSynonymGroup | None:
    """Replace the group's words and note; return it (its words prefetched), or None when
    nothing changed (no audit row).

    Raises :class:`LocalSynonymsRefused` for bad words or when the group was deleted meanwhile.
    """
    checked = checked_synonym_words(words)
    note = _checked_note(note)
    row = _locked(group)
    if row is None:
        raise LocalSynonymsRefused([messages.SYNONYMS_GONE])
    before = list(row.words.order_by("position").values_list("word", flat=True))
    after = [item.word for item in checked]
    if before == after and row.note == note:
        return None
    data: dict[str, Any] = {"before": before, "after": after}
    if row.note != note:
        data["note_before"], data["note"] = row.note, note
    row.words.all().delete()
    _store_words(row, checked)
    row.note = note
    row.save(update_fields=["note", "updated_at"])
    prefetch_related_objects([row], "words")
    audit_record(
        actor=actor,
        action=AuditEvent.Action.LOCAL_SYNONYMS_CHANGED,
        target=row,
        data=data,
        request=request,
    )
    changed_on_commit()
    return row


@transaction.atomic
def local_synonym_group_delete(
    *, actor: Any, group: LocalSynonymGroup, request: HttpRequest | None = None
) -> bool:
    """Delete the group; False when it was already deleted (no audit row)."""
    row = _locked(group)
    if row is None:
        return False
    prefetch_related_objects([row], "words")
    audit_record(
        actor=actor,
        action=AuditEvent.Action.LOCAL_SYNONYMS_DELETED,
        target=row,
        data={"words": [word.word for word in row.words.all()], "note": row.note},
        request=request,
    )
    row.delete()
    changed_on_commit()
    return True
