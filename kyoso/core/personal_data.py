"""Registry through which each app exports and erases what it holds about one person.

An app registers in its ``AppConfig.ready()``; the accounts privacy service calls every
exporter when a person downloads their data and every eraser when they delete their account,
so capabilities added later (issues, events, projects…) join without touching accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
FileLister = Callable[[Any], list[Any]]
Eraser = Callable[[Any], None]

_exporters: dict[str, Exporter] = {}
_file_listers: dict[str, FileLister] = {}
_erasers: dict[str, Eraser] = {}


def register(
    section: str,
    *,
    export: Exporter,
    files: FileLister | None = None,
    erase: Eraser | None = None,
) -> None:
    _exporters[section] = export
    if files is not None:
        _file_listers[section] = files
    if erase is not None:
        _erasers[section] = erase


def export_sections(user: Any) -> dict[str, Any]:
    return {section: export(user) for section, export in sorted(_exporters.items())}


def files_of(user: Any) -> list[Any]:
    """FieldFiles (with a name) that belong to this person."""
    found: list[Any] = []
    for lister in _file_listers.values():
        found.extend(f for f in lister(user) if f)
    return found


def erase_all(user: Any) -> None:
    for _section, erase in sorted(_erasers.items()):
        erase(user)


DeletionBlocker = Callable[[Any], str | None]
_blockers: list[DeletionBlocker] = []


def register_deletion_blocker(blocker: DeletionBlocker) -> None:
    """A blocker returns a message when the person cannot leave yet (e.g. sole owner)."""
    if blocker not in _blockers:
        _blockers.append(blocker)


def deletion_blockers(user: Any) -> list[str]:
    return [message for blocker in _blockers if (message := blocker(user))]
