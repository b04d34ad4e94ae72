"""``kyoso backup`` / ``kyoso restore``: one archive in, every row and media file back out.

The same tests run on SQLite and on PostgreSQL (``DATABASE_URL=postgres://…``). Data is
committed (transactional tests) so that ``pg_dump`` sees it. A restore "into an empty database"
goes to a new SQLite file, or to a freshly created PostgreSQL database on the same server.
"""

from __future__ import annotations

import io
import json
import re
import sqlite3
import stat
import tarfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from PIL import Image

from kyoso.accounts.models import Profile, User
from kyoso.accounts.services.profile import avatar_set
from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.core.backup import BackupError, TableMismatch, restore_archive
from kyoso.core.backup import messages as m
from kyoso.core.backup.postgres import PostgresDatabase
from kyoso.orgs.models import Organization, OrganizationType
from kyoso.sitepages.services import site_page_save, site_settings_save

transactional = pytest.mark.django_db(transaction=True)


# --- Helpers --------------------------------------------------------------------------------


def matches(template: str, text: str) -> bool:
    """True when ``text`` is ``template`` (a str.format message) with its fields filled in."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return re.fullmatch(".+?".join(re.escape(p) for p in parts), text, flags=re.DOTALL) is not None


def _pg_connect(database: dict[str, Any], **kwargs: Any) -> psycopg.Connection:
    params = {
        "dbname": database["NAME"],
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v is not None}, **kwargs)


def all_rows(database: dict[str, Any]) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table of ``database``: its column names and all its rows, in a stable order.

    Read with the plain driver (not Django's connection, which converts values), the same way
    for the live database and for the restored one.
    """
    tables: dict[str, tuple[list[str], list[tuple]]] = {}
    if database["ENGINE"].endswith("sqlite3"):
        name = str(database["NAME"])
        if not name.startswith("file:") and not Path(name).exists():
            return {}
        conn = sqlite3.connect(name, uri=name.startswith("file:"))
        try:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
            for table in names:
                cursor = conn.execute(f'SELECT * FROM "{table}"')  # noqa: S608
                columns = [d[0] for d in cursor.description]
                tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
        finally:
            conn.close()
        return tables
    with _pg_connect(database) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
            )
        ]
        for table in names:
            cursor = conn.execute(
                psycopg.sql.SQL("SELECT * FROM {}").format(psycopg.sql.Identifier(table))
            )
            columns = [d.name for d in cursor.description or []]
            tables[table] = (columns, sorted(cursor.fetchall(), key=repr))
    return tables


def rebuild_archive(
    source: Path,
    target: Path,
    *,
    manifest: Callable[[dict], None] = lambda data: None,
    database: Callable[[bytes], bytes] = lambda data: data,
    skip: frozenset[str] = frozenset(),
) -> Path:
    """Copy a backup archive, editing its manifest or database dump on the way."""
    with tarfile.open(source, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            if member.name in skip:
                continue
            handle = src.extractfile(member)
            content = handle.read() if handle else b""
            if member.name == "manifest.json":
                data = json.loads(content)
                manifest(data)
                content = json.dumps(data).encode()
            elif member.name.startswith("database."):
                content = database(content)
            member.size = len(content)
            dst.addfile(member, io.BytesIO(content))
    return target


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (30, 120, 200)).save(out, format="PNG")
    return out.getvalue()


# --- Fixtures -------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def site_data(sato, suzuki, media_root) -> dict[str, Any]:
    """Rows in several tables (users, profiles, roles, audit, site pages, organizations) and an
    uploaded avatar in MEDIA_ROOT."""
    UserFactory.create_batch(3)
    site_page_save(
        actor=sato,
        slug="privacy",
        data={"title_ja": "プライバシーポリシー", "body_ja": "個人情報は大切に扱います。\n第1条…"},
    )
    site_settings_save(actor=sato, data={"site_name": "みやぎ共創プラットフォーム"})
    Organization.objects.create(
        slug="sendai-hub", name="仙台ソーシャルハブ", org_type=OrganizationType.HUB
    )
    profile = avatar_set(actor=suzuki, user=suzuki, data=png_bytes())
    avatar_path = Path(profile.avatar.path)
    return {"avatar_name": profile.avatar.name, "avatar_bytes": avatar_path.read_bytes()}


@pytest.fixture
def empty_database(tmp_path) -> Iterator[dict[str, Any]]:
    """Settings for a database with nothing in it, on the same kind of server as the tests."""
    if connection.vendor == "sqlite":
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"kyoso_restore_{uuid.uuid4().hex[:12]}"
    server = connection.settings_dict
    with _pg_connect(server, autocommit=True) as admin:
        admin.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name)))
    try:
        yield {**server, "NAME": name}
    finally:
        with _pg_connect(server, autocommit=True) as admin:
            admin.execute(
                psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    psycopg.sql.Identifier(name)
                )
            )


@pytest.fixture
def archive(site_data, tmp_path) -> Path:
    path = tmp_path / "site.tar.gz"
    call_command("backup", str(path), stdout=io.StringIO())
    return path


# --- Round trip -----------------------------------------------------------------------------


@transactional
def test_restore_into_an_empty_database_reproduces_every_row_and_media_file(
    site_data, empty_database, tmp_path
):
    source = connection.settings_dict
    path = tmp_path / "site.tar.gz"
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    before = all_rows(source)
    # The comparison below is not vacuous: the interesting tables do hold rows.
    for table, at_least in {
        "accounts_user": 5,
        "accounts_profile": 5,
        "roles_roleassignment": 1,
        "audit_auditevent": 2,
        "sitepages_sitepage": 1,
        "sitepages_sitesettings": 1,
        "orgs_organization": 1,
    }.items():
        assert len(before[table][1]) >= at_least, table
    assert all_rows(empty_database) == {}

    restored_media = tmp_path / "restored-media"
    result = restore_archive(path, database=empty_database, media_root=restored_media, force=False)

    assert result.verified, result.mismatches
    assert all_rows(empty_database) == before
    assert (restored_media / site_data["avatar_name"]).read_bytes() == site_data["avatar_bytes"]
    assert result.media_files == 1
    assert result.manifest.vendor == connection.vendor
    assert result.manifest.row_counts == {
        table: len(rows) for table, (_columns, rows) in before.items() if table != "sqlite_sequence"
    }
    # The manifest names the newest applied migration of each app.
    from django.db.migrations.loader import MigrationLoader

    leaves = dict(MigrationLoader(connection).graph.leaf_nodes())
    assert result.manifest.migrations["accounts"] == leaves["accounts"]
    assert "Backup written" in out.getvalue() and str(path) in out.getvalue()


@transactional
def test_backup_archive_starts_with_the_manifest_and_is_private(site_data, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)  # a directory: a dated file inside it

    [path] = tmp_path.glob("kyoso-backup-*.tar.gz")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with tarfile.open(path, "r:gz") as tar:
        names = tar.getnames()
    assert names[0] == "manifest.json"
    assert names[1] == ("database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump")
    assert f"media/{site_data['avatar_name']}" in names
    first_line = out.getvalue().splitlines()[0]
    assert matches(m.BACKUP_DONE, first_line) and str(path) in first_line


@transactional
def test_forced_restore_replaces_current_data_and_is_audited(archive, media_root, site_data):
    UserFactory(email="after-backup@example.jp")
    (media_root / site_data["avatar_name"]).unlink()
    out = io.StringIO()

    call_command("restore", str(archive), "--force", stdout=out)

    assert not User.objects.filter(email="after-backup@example.jp").exists()
    assert User.objects.filter(email="suzuki@example.jp").exists()
    assert (
        Profile.objects.get(user__email="suzuki@example.jp").avatar.name == site_data["avatar_name"]
    )
    assert (media_root / site_data["avatar_name"]).read_bytes() == site_data["avatar_bytes"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.BACKUP_RESTORED)
    assert event.data["archive"] == archive.name
    assert out.getvalue().splitlines()[0] == m.RESTORE_DONE.format(path=archive)
    assert m.RESTORE_AUDITED in out.getvalue()


# --- Refusals -------------------------------------------------------------------------------


@transactional
def test_restore_refuses_a_database_with_kyoso_data_unless_forced(archive):
    UserFactory(email="after-backup@example.jp")

    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(archive), stdout=io.StringIO())

    assert matches(m.TARGET_NOT_EMPTY, str(excinfo.value))
    assert "accounts_user" in str(excinfo.value)
    assert User.objects.filter(email="after-backup@example.jp").exists()  # nothing lost


def _garbage(path: Path, target: Path) -> Path:
    target.write_bytes(b"not an archive")
    return target


def _drop_second_half(path: Path, target: Path) -> Path:
    raw = path.read_bytes()
    target.write_bytes(raw[: len(raw) // 2])
    return target


def _flip_gzip_checksum(path: Path, target: Path) -> Path:
    raw = bytearray(path.read_bytes())
    raw[-8] ^= 0xFF  # the gzip trailer's CRC-32: only reading to the very end notices
    target.write_bytes(bytes(raw))
    return target


def _flip_dump_bytes(path: Path, target: Path) -> Path:
    def flip(content: bytes) -> bytes:
        middle = len(content) // 2
        return content[:middle] + bytes([content[middle] ^ 0xFF]) + content[middle + 1 :]

    return rebuild_archive(path, target, database=flip)


@transactional
@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(_garbage, id="garbage"),
        pytest.param(_drop_second_half, id="truncated"),
        pytest.param(_flip_dump_bytes, id="dump-altered"),
        pytest.param(_flip_gzip_checksum, id="checksum"),
        pytest.param(
            lambda path, target: rebuild_archive(path, target, skip=frozenset({"manifest.json"})),
            id="no-manifest",
        ),
    ],
)
def test_damaged_archive_is_reported_and_the_target_left_untouched(
    archive, empty_database, tmp_path, damage
):
    damaged = tmp_path / "damaged.tar.gz"
    damage(archive, damaged)

    with pytest.raises(BackupError) as excinfo:
        restore_archive(damaged, database=empty_database, media_root=tmp_path / "m", force=False)

    assert matches(m.ARCHIVE_CORRUPT, str(excinfo.value))
    assert all_rows(empty_database) == {}
    assert not (tmp_path / "m").exists()


def test_damaged_archive_gives_a_command_error(tmp_path):
    path = tmp_path / "broken.tar.gz"
    path.write_bytes(b"\x1f\x8b garbage")

    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(path), "--force")

    assert matches(m.ARCHIVE_CORRUPT, str(excinfo.value))


def test_missing_archive(tmp_path):
    path = tmp_path / "nowhere.tar.gz"

    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(path))

    assert str(excinfo.value) == m.ARCHIVE_NOT_FOUND.format(path=path)


@transactional
def test_archive_from_another_database_vendor_is_refused(archive, empty_database, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = rebuild_archive(
        archive, tmp_path / "foreign.tar.gz", manifest=lambda d: d.update(vendor=other)
    )

    with pytest.raises(BackupError) as excinfo:
        restore_archive(foreign, database=empty_database, media_root=tmp_path / "m")

    assert str(excinfo.value) == m.VENDOR_MISMATCH.format(
        archive=m.VENDOR_NAMES[other], target=m.VENDOR_NAMES[connection.vendor]
    )
    assert "kyoso export" in str(excinfo.value)
    assert all_rows(empty_database) == {}


@transactional
def test_archive_from_a_newer_kyoso_is_refused(archive, empty_database, tmp_path):
    def from_the_future(data: dict) -> None:
        data["kyoso_version"] = "9.0.0"
        data["migrations"]["accounts"] = "0099_from_the_future"

    newer = rebuild_archive(archive, tmp_path / "newer.tar.gz", manifest=from_the_future)

    with pytest.raises(BackupError) as excinfo:
        restore_archive(newer, database=empty_database, media_root=tmp_path / "m")

    assert str(excinfo.value) == m.MIGRATIONS_UNKNOWN.format(
        version="9.0.0", migrations="accounts.0099_from_the_future"
    )


@transactional
def test_archive_format_newer_than_this_kyoso_is_refused(archive, empty_database, tmp_path):
    newer = rebuild_archive(
        archive, tmp_path / "v2.tar.gz", manifest=lambda d: d.update(format_version=2)
    )

    with pytest.raises(BackupError) as excinfo:
        restore_archive(newer, database=empty_database, media_root=tmp_path / "m")

    assert str(excinfo.value) == m.FORMAT_TOO_NEW.format(found=2, supported=1)


@transactional
def test_restore_that_does_not_reproduce_the_row_counts_fails_listing_the_table(
    archive, empty_database, tmp_path
):
    users = User.objects.count()

    def miscounted(data: dict) -> None:
        data["row_counts"]["accounts_user"] = users + 1

    wrong = rebuild_archive(archive, tmp_path / "wrong.tar.gz", manifest=miscounted)
    result = restore_archive(wrong, database=empty_database, media_root=tmp_path / "m")
    assert result.mismatches == [TableMismatch("accounts_user", expected=users + 1, found=users)]

    with pytest.raises(CommandError) as excinfo:
        call_command("restore", str(wrong), "--force", stdout=io.StringIO())
    assert str(excinfo.value) == m.VERIFY_FAILED.format(
        tables=m.VERIFY_ROW.format(table="accounts_user", expected=users + 1, found=users)
    )


# --- Missing tools and bad destinations ------------------------------------------------------


def test_missing_postgresql_client_tools_are_named(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # a directory without pg_dump or pg_restore
    database = PostgresDatabase({"ENGINE": "django.db.backends.postgresql", "NAME": "kyoso"})

    with pytest.raises(BackupError) as dump_error:
        database.dump(tmp_path / "database.pgdump")
    with pytest.raises(BackupError) as restore_error:
        database.load(tmp_path / "database.pgdump")

    assert str(dump_error.value) == m.TOOL_MISSING.format(tool="pg_dump")
    assert str(restore_error.value) == m.TOOL_MISSING.format(tool="pg_restore")


def test_backup_into_a_missing_directory_is_a_command_error(media_root, tmp_path):
    with pytest.raises(CommandError) as excinfo:
        call_command("backup", str(tmp_path / "no-such-dir" / "site.tar.gz"))

    assert matches(m.DESTINATION_UNWRITABLE, str(excinfo.value))
    assert not (tmp_path / "no-such-dir").exists()
