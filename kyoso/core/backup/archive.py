"""The backup archive: one gzip-compressed tar file that a restore can check before it acts.

Members, in this order:

- ``manifest.json`` — :class:`Manifest`: format version, Kyoso version, database vendor, time,
  the latest applied migration per app, the row count of every table, the SHA-256 of the dump;
- ``database.sqlite3`` (an SQLite database file) or ``database.pgdump`` (``pg_dump`` custom
  format);
- ``media/…`` — every regular file under ``MEDIA_ROOT``.

The manifest comes first so that a restore can refuse a wrong archive (vendor, version) without
reading the rest. Before a restore changes anything, :meth:`ArchiveReader.extract` reads the
whole archive into a staging directory, checks the dump's SHA-256 and the gzip CRC, so a damaged
or truncated file is reported and the target is left untouched.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kyoso.core.backup import messages
from kyoso.core.backup.errors import BackupError

FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
MEDIA_DIR = "media"
DATABASE_FILES = frozenset({"database.sqlite3", "database.pgdump"})
_MANIFEST_MAX_BYTES = 16 * 1024 * 1024
_CHUNK = 1024 * 1024
# What a damaged or foreign file raises while tarfile/gzip/zlib read it.
_READ_ERRORS = (tarfile.TarError, EOFError, zlib.error, OSError, ValueError)


@dataclass(frozen=True)
class Manifest:
    kyoso_version: str
    vendor: str
    created_at: str
    database_file: str
    database_sha256: str
    migrations: dict[str, str] = field(default_factory=dict)
    row_counts: dict[str, int] = field(default_factory=dict)
    media_files: int = 0
    media_bytes: int = 0
    format_version: int = FORMAT_VERSION

    def to_bytes(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Manifest:
        """Parse a manifest; ValueError when it is not one, BackupError when it is too new."""
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("manifest.json is not an object")
        version = data.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("manifest.json has no format_version")
        if version > FORMAT_VERSION:
            raise BackupError(
                messages.FORMAT_TOO_NEW.format(found=version, supported=FORMAT_VERSION)
            )
        text_fields = ("kyoso_version", "vendor", "created_at", "database_file", "database_sha256")
        for name in text_fields:
            if not isinstance(data.get(name), str):
                raise ValueError(f"manifest.json: {name} is missing")
        if data["database_file"] not in DATABASE_FILES:
            raise ValueError(f"manifest.json: unknown database file {data['database_file']!r}")
        migrations = _str_map(data.get("migrations"), "migrations", str)
        row_counts = _str_map(data.get("row_counts"), "row_counts", int)
        media_files, media_bytes = data.get("media_files", 0), data.get("media_bytes", 0)
        if not isinstance(media_files, int) or not isinstance(media_bytes, int):
            raise ValueError("manifest.json: media_files and media_bytes must be integers")
        return cls(
            kyoso_version=data["kyoso_version"],
            vendor=data["vendor"],
            created_at=data["created_at"],
            database_file=data["database_file"],
            database_sha256=data["database_sha256"],
            migrations=migrations,
            row_counts=row_counts,
            media_files=media_files,
            media_bytes=media_bytes,
            format_version=version,
        )


def _str_map(value: Any, name: str, kind: type) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, kind) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        raise ValueError(f"manifest.json: {name} is malformed")
    return dict(value)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_inventory(media_root: Path) -> list[Path]:
    """Every regular file under ``media_root`` (symbolic links are not followed or stored)."""
    if not media_root.is_dir():
        return []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(media_root):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def _neutral_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def write_archive(
    path: Path,
    *,
    manifest: Manifest,
    database_file: Path,
    media_root: Path,
    media_files: list[Path],
) -> None:
    """Write the archive next to ``path`` and move it into place only once it is complete.

    The file is created with mode 0600: it holds personal data and password hashes.
    """
    fd, partial_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    partial = Path(partial_name)
    try:
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                _add_bytes(tar, MANIFEST_NAME, manifest.to_bytes())
                tar.add(
                    database_file,
                    arcname=manifest.database_file,
                    recursive=False,
                    filter=_neutral_owner,
                )
                for file in media_files:
                    arcname = f"{MEDIA_DIR}/{file.relative_to(media_root).as_posix()}"
                    try:
                        tar.add(file, arcname=arcname, recursive=False, filter=_neutral_owner)
                    except FileNotFoundError:
                        continue  # deleted while the backup ran; the restore reports the count
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(time.time())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(content))


@dataclass(frozen=True)
class Extracted:
    database_file: Path
    media_dir: Path
    media_files: int


class ArchiveReader:
    """Read a backup archive; every problem with the file becomes ``ARCHIVE_CORRUPT``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tar: tarfile.TarFile | None = None
        self._manifest: Manifest | None = None

    def __enter__(self) -> ArchiveReader:
        if not self.path.is_file():
            raise BackupError(messages.ARCHIVE_NOT_FOUND.format(path=self.path))
        try:
            self._tar = tarfile.open(self.path, mode="r:gz")
        except _READ_ERRORS as exc:
            raise self._corrupt(exc) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._tar is not None:
            self._tar.close()

    def _corrupt(self, detail: object) -> BackupError:
        text = str(detail).strip() or type(detail).__name__
        return BackupError(messages.ARCHIVE_CORRUPT.format(path=self.path, detail=text))

    @property
    def tar(self) -> tarfile.TarFile:
        assert self._tar is not None, "use ArchiveReader as a context manager"
        return self._tar

    def manifest(self) -> Manifest:
        if self._manifest is not None:
            return self._manifest
        try:
            first = self.tar.next()
            if first is None or first.name != MANIFEST_NAME or not first.isfile():
                raise self._corrupt(f"{MANIFEST_NAME} is not the first entry")
            if first.size > _MANIFEST_MAX_BYTES:
                raise self._corrupt(f"{MANIFEST_NAME} is too large")
            handle = self.tar.extractfile(first)
            assert handle is not None
            raw = handle.read()
            self._manifest = Manifest.from_bytes(raw)
        except BackupError:
            raise
        except (*_READ_ERRORS, UnicodeDecodeError) as exc:
            raise self._corrupt(exc) from exc
        return self._manifest

    def extract(self, staging: Path) -> Extracted:
        """Unpack the dump and the media into ``staging`` and check them against the manifest."""
        manifest = self.manifest()
        database_file = staging / manifest.database_file
        media_dir = staging / MEDIA_DIR
        media_dir.mkdir()
        media_files = 0
        seen_database = False
        try:
            for member in self.tar:
                if member.offset == 0:
                    continue  # the manifest, read already
                if member.name == manifest.database_file and member.isfile():
                    digest = self._copy_member(member, database_file)
                    if digest != manifest.database_sha256:
                        raise self._corrupt(f"{member.name}: SHA-256 does not match the manifest")
                    seen_database = True
                elif member.name.startswith(f"{MEDIA_DIR}/") and member.isfile():
                    relative = member.name.removeprefix(f"{MEDIA_DIR}/")
                    self.tar.extract(member.replace(name=relative), path=media_dir, filter="data")
                    media_files += 1
                else:
                    raise self._corrupt(f"unexpected entry {member.name!r}")
            # Read to the end of the gzip stream so that its CRC and length are checked too.
            fileobj = self.tar.fileobj
            assert fileobj is not None
            while fileobj.read(_CHUNK):
                pass
        except BackupError:
            raise
        except _READ_ERRORS as exc:
            raise self._corrupt(exc) from exc
        if not seen_database:
            raise self._corrupt(f"{manifest.database_file} is missing")
        return Extracted(database_file=database_file, media_dir=media_dir, media_files=media_files)

    def _copy_member(self, member: tarfile.TarInfo, destination: Path) -> str:
        source = self.tar.extractfile(member)
        assert source is not None
        digest = hashlib.sha256()
        with destination.open("wb") as out:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
        return digest.hexdigest()
