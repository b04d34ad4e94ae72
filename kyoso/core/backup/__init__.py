"""Backup and restore of a Kyoso site: the database and the media files in one archive.

``create_backup`` and ``restore_archive`` do the work; the ``backup`` and ``restore``
management commands (``kyoso backup PATH`` / ``kyoso restore PATH``) print what happened.
The archive layout is described in :mod:`kyoso.core.backup.archive`; docs/operations.md
explains when and how operators use it.
"""

from kyoso.core.backup.archive import FORMAT_VERSION, Manifest
from kyoso.core.backup.errors import BackupError
from kyoso.core.backup.operations import (
    BackupResult,
    RestoreResult,
    TableMismatch,
    create_backup,
    kyoso_tables,
    restore_archive,
)

__all__ = [
    "FORMAT_VERSION",
    "BackupError",
    "BackupResult",
    "Manifest",
    "RestoreResult",
    "TableMismatch",
    "create_backup",
    "kyoso_tables",
    "restore_archive",
]
