"""Creating a backup archive and restoring one, for ``kyoso backup`` and ``kyoso restore``."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from kyoso.core.backup import messages
from kyoso.core.backup.archive import (
    ArchiveReader,
    Manifest,
    file_sha256,
    media_inventory,
    write_archive,
)
from kyoso.core.backup.errors import BackupError
from kyoso.core.backup.postgres import PostgresDatabase
from kyoso.core.backup.snapshot import Snapshot
from kyoso.core.backup.sqlite import SqliteDatabase, is_in_memory

# Apps whose tables every installation fills from its migrations (shipped reference data):
# rows there do not make a database "already in use".
REFERENCE_DATA_APPS = frozenset({"regions"})

_ENGINES: dict[str, type[SqliteDatabase] | type[PostgresDatabase]] = {
    "django.db.backends.sqlite3": SqliteDatabase,
    "django.db.backends.postgresql": PostgresDatabase,
    "django.db.backends.postgresql_psycopg2": PostgresDatabase,
}


class Engine(Protocol):
    vendor: str
    dump_name: str

    @property
    def label(self) -> str: ...
    def dump(self, destination: Path, *, connection: Any) -> Snapshot: ...
    def tables_with_rows(self, tables: list[str]) -> list[str]: ...
    def load(self, dump: Path) -> None: ...
    def row_counts(self) -> dict[str, int]: ...


def engine_for(database: dict[str, Any]) -> Engine:
    engine = _ENGINES.get(database.get("ENGINE", ""))
    if engine is None:
        raise BackupError(messages.DATABASE_UNSUPPORTED.format(engine=database.get("ENGINE")))
    return engine(database)


def kyoso_version() -> str:
    try:
        return metadata.version("kyoso")
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[3] / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        with pyproject.open("rb") as handle:
            return str(tomllib.load(handle).get("project", {}).get("version", "unknown"))
    return "unknown"


def kyoso_tables() -> list[str]:
    """Tables of Kyoso's own apps that hold site data (not shipped reference data)."""
    tables: set[str] = set()
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("kyoso.") or app_config.label in REFERENCE_DATA_APPS:
            continue
        for model in app_config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables)


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"  # pragma: no cover


# --- Backup ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    manifest: Manifest
    media_root: Path


def default_archive_name() -> str:
    return f"kyoso-backup-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def create_backup(
    path: Path | str, *, using: str = DEFAULT_DB_ALIAS, media_root: Path | None = None
) -> BackupResult:
    """Write one archive with the database behind ``using`` and the media directory.

    ``path`` is the archive file, or an existing directory to put a dated archive in.
    """
    destination = Path(path).expanduser()
    if destination.is_dir():
        destination = destination / default_archive_name()
    if not destination.parent.is_dir():
        raise BackupError(
            messages.DESTINATION_UNWRITABLE.format(
                path=destination, detail=f"{destination.parent} does not exist"
            )
        )
    media = Path(media_root if media_root is not None else settings.MEDIA_ROOT)
    connection = connections[using]
    engine = engine_for(connection.settings_dict)
    with tempfile.TemporaryDirectory(prefix="kyoso-backup-") as staging:
        dump = Path(staging) / engine.dump_name
        snapshot = engine.dump(dump, connection=connection)
        media_files = media_inventory(media)
        manifest = Manifest(
            kyoso_version=kyoso_version(),
            vendor=engine.vendor,
            created_at=timezone.localtime().isoformat(timespec="seconds"),
            database_file=engine.dump_name,
            database_sha256=file_sha256(dump),
            migrations=snapshot.migrations,
            row_counts=snapshot.row_counts,
            media_files=len(media_files),
            media_bytes=sum(_size(file) for file in media_files),
        )
        try:
            write_archive(
                destination,
                manifest=manifest,
                database_file=dump,
                media_root=media,
                media_files=media_files,
            )
        except OSError as exc:
            raise BackupError(
                messages.DESTINATION_UNWRITABLE.format(path=destination, detail=exc.strerror or exc)
            ) from exc
    return BackupResult(
        path=destination,
        size=destination.stat().st_size,
        manifest=manifest,
        media_root=media,
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


# --- Restore --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableMismatch:
    table: str
    expected: int | None  # None: the table is not in the backup
    found: int | None  # None: the table is missing after the restore


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    manifest: Manifest
    database_label: str
    row_counts: dict[str, int]
    media_files: int
    media_root: Path
    mismatches: list[TableMismatch]
    needs_migrate: bool

    @property
    def verified(self) -> bool:
        return not self.mismatches


def _known_migrations(loader: MigrationLoader) -> set[tuple[str, str]]:
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or [])
    return known


def check_migrations(manifest: Manifest) -> bool:
    """Refuse an archive from a newer Kyoso; return True when ``migrate`` is due after restore."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = _known_migrations(loader)
    unknown = [
        f"{app}.{name}"
        for app, name in sorted(manifest.migrations.items())
        if app in loader.migrated_apps and (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            messages.MIGRATIONS_UNKNOWN.format(
                version=manifest.kyoso_version, migrations=", ".join(unknown)
            )
        )
    return any(manifest.migrations.get(app) != name for app, name in loader.graph.leaf_nodes())


def _same_database(a: dict[str, Any], b: dict[str, Any]) -> bool:
    keys = ("NAME", "HOST", "PORT")
    engine_a, engine_b = _ENGINES.get(a.get("ENGINE", "")), _ENGINES.get(b.get("ENGINE", ""))
    return (
        engine_a is not None
        and engine_a is engine_b
        and all(str(a.get(key) or "") == str(b.get(key) or "") for key in keys)
    )


def _release_django_connections(database: dict[str, Any]) -> None:
    """Close this process's connections to the target so none holds a lock during the load."""
    for connection in connections.all():
        if not _same_database(connection.settings_dict, database):
            continue
        if connection.in_atomic_block:
            raise BackupError(messages.DATABASE_IN_USE)
        if not (connection.vendor == "sqlite" and is_in_memory(str(database["NAME"]))):
            connection.close()


def _move_media(source: Path, media_root: Path) -> None:
    """Move the restored files into ``media_root``, replacing files of the same name.

    Files already there that the backup does not hold are left alone: Django never reuses a
    stored name, so they cannot shadow a restored file.
    """
    try:
        media_root.mkdir(parents=True, exist_ok=True)
        for dirpath, _dirnames, filenames in os.walk(source):
            for name in filenames:
                file = Path(dirpath) / name
                target = media_root / file.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(file, target)
    except OSError as exc:
        raise BackupError(
            messages.MEDIA_UNWRITABLE.format(path=media_root, detail=exc.strerror or exc)
        ) from exc


def compare_counts(expected: dict[str, int], found: dict[str, int]) -> list[TableMismatch]:
    return [
        TableMismatch(table=table, expected=expected.get(table), found=found.get(table))
        for table in sorted(expected.keys() | found.keys())
        if expected.get(table) != found.get(table)
    ]


def restore_archive(
    path: Path | str,
    *,
    database: dict[str, Any],
    media_root: Path,
    force: bool = False,
) -> RestoreResult:
    """Restore the archive at ``path`` into ``database`` (Django settings form) and ``media_root``.

    Nothing is changed until the whole archive has been read and checked. Without ``force`` a
    database that already holds Kyoso data is refused. The row counts are compared with the
    manifest afterwards; differences come back in ``RestoreResult.mismatches``.
    """
    archive_path = Path(path).expanduser()
    engine = engine_for(database)
    with ArchiveReader(archive_path) as archive:
        manifest = archive.manifest()
        if manifest.vendor != engine.vendor:
            raise BackupError(
                messages.VENDOR_MISMATCH.format(
                    archive=messages.VENDOR_NAMES.get(manifest.vendor, manifest.vendor),
                    target=messages.VENDOR_NAMES[engine.vendor],
                )
            )
        needs_migrate = check_migrations(manifest)
        if not force:
            occupied = engine.tables_with_rows(kyoso_tables())
            if occupied:
                raise BackupError(messages.TARGET_NOT_EMPTY.format(tables=", ".join(occupied)))
        with tempfile.TemporaryDirectory(prefix="kyoso-restore-") as staging:
            extracted = archive.extract(Path(staging))
            _release_django_connections(database)
            engine.load(extracted.database_file)
            _move_media(extracted.media_dir, media_root)
    counts = engine.row_counts()
    return RestoreResult(
        path=archive_path,
        manifest=manifest,
        database_label=engine.label,
        row_counts=counts,
        media_files=extracted.media_files,
        media_root=media_root,
        mismatches=compare_counts(manifest.row_counts, counts),
        needs_migrate=needs_migrate,
    )
