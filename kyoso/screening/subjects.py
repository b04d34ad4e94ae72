"""The registry of screenable things.

An app whose objects are screened (challenges' proposals, later the fund's grant applications)
registers an adapter for its *kind* in its ``AppConfig.ready()``::

    register_subject("challenges.proposal", ProposalAdapter())

The screening app never imports that app's models: it only knows subject ids and asks the
adapter to describe them (batched, a constant number of queries whatever the count) and tells
it of each decision inside the decision's transaction (so the owning app can move its own state
and the two never disagree).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class SubjectInfo:
    title: str
    #: The applying organization (its members may not score the subject).
    organization_id: int | None
    #: The applying people (user ids; they may not score it either).
    person_ids: frozenset[int]
    #: Where a reviewer reads the subject.
    url: str


class SubjectAdapter(Protocol):
    def describe(self, subject_ids: Iterable[int]) -> dict[int, SubjectInfo]: ...

    def decided(self, *, subject_id: int, outcome: str, reason: str, actor: Any) -> None: ...


_ADAPTERS: dict[str, SubjectAdapter] = {}


def register_subject(kind: str, adapter: SubjectAdapter) -> None:
    """Register (or, for tests and reloads, replace) the adapter of ``kind``."""
    if not kind or "." not in kind:
        raise ValueError(f"A subject kind is '<app>.<model>', not {kind!r}")
    _ADAPTERS[kind] = adapter


def unregister_subject(kind: str) -> None:
    """For tests that register a fake adapter."""
    _ADAPTERS.pop(kind, None)


def adapter_for(kind: str) -> SubjectAdapter:
    try:
        return _ADAPTERS[kind]
    except KeyError:
        raise LookupError(f"No screening subject adapter registered for {kind!r}") from None


def is_registered(kind: str) -> bool:
    return kind in _ADAPTERS


#: Shown for a subject its adapter no longer describes (deleted since it was added).
MISSING = SubjectInfo(title="—", organization_id=None, person_ids=frozenset(), url="")


def describe(kind: str, subject_ids: Iterable[int]) -> dict[int, SubjectInfo]:
    """The adapter's descriptions, with :data:`MISSING` for ids it does not know."""
    ids = list(subject_ids)
    if not ids:
        return {}
    found = adapter_for(kind).describe(ids)
    return {sid: found.get(sid, MISSING) for sid in ids}
