"""Load the shipped prefecture and municipality CSVs into the database.

One function, :func:`load_regions`, serves both the data migration ``0002_load_regions`` (which
passes the historical models from ``apps.get_model``) and the ``load_regions`` management command
(which passes the live ones). It therefore never imports :mod:`kyoso.regions.models`.

Loading is idempotent: rows are matched by code and written with ``update_or_create`` only when
they are new or differ from what is stored, so a second run writes nothing. Rows that have
disappeared from the CSV are left alone (other tables point at municipalities with PROTECT; a
merger of municipalities needs its own migration that moves those references first).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from kyoso.regions.codes import PREFECTURE_CODES, with_check_digit

DATA_DIR = Path(__file__).resolve().parent / "data"
PREFECTURES_CSV = "prefectures.csv"
MUNICIPALITIES_CSV = "municipalities.csv"

PREFECTURE_COLUMNS = ("code", "name", "name_kana", "name_en")
MUNICIPALITY_COLUMNS = (
    "code",
    "prefecture_code",
    "parent_code",
    "kind",
    "name",
    "name_kana",
    "name_en",
)
# Mirrors Municipality.Kind; historical models in migrations do not carry the enum class.
KINDS = frozenset({"designated_city", "ward", "city", "town", "village"})
NAME_SUFFIX = {"designated_city": "市", "ward": "区", "city": "市", "town": "町", "village": "村"}


class RegionDataError(ValueError):
    """A shipped CSV row is inconsistent; the message names the file and line."""


@dataclass
class TableResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class LoadResult:
    prefectures: TableResult = field(default_factory=TableResult)
    municipalities: TableResult = field(default_factory=TableResult)

    @property
    def changed(self) -> int:
        return self.prefectures.changed + self.municipalities.changed


def read_rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) pairs of a UTF-8 CSV whose header must be exactly ``columns``."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise RegionDataError(
                f"{path.name}: header must be {','.join(columns)}, got {reader.fieldnames}"
            )
        rows = []
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise RegionDataError(f"{path.name}:{reader.line_num}: wrong number of columns")
            rows.append((reader.line_num, {key: value.strip() for key, value in row.items()}))
        return rows


def read_prefectures(data_dir: Path = DATA_DIR) -> list[dict[str, str]]:
    """The validated rows of ``prefectures.csv``."""
    path = data_dir / PREFECTURES_CSV
    rows, seen = [], set()
    for line, row in read_rows(path, PREFECTURE_COLUMNS):
        where = f"{path.name}:{line}"
        if row["code"] not in PREFECTURE_CODES:
            raise RegionDataError(f"{where}: {row['code']!r} is not a prefecture code 01-47")
        if row["code"] in seen:
            raise RegionDataError(f"{where}: duplicate code {row['code']}")
        if not all(row.values()):
            raise RegionDataError(f"{where}: empty field")
        seen.add(row["code"])
        rows.append(row)
    return rows


def read_municipalities(
    data_dir: Path = DATA_DIR, prefecture_codes: frozenset[str] = PREFECTURE_CODES
) -> list[dict[str, str]]:
    """The validated rows of ``municipalities.csv``, parents before their wards."""
    path = data_dir / MUNICIPALITIES_CSV
    rows: dict[str, dict[str, str]] = {}
    lines: dict[str, str] = {}
    for line, row in read_rows(path, MUNICIPALITY_COLUMNS):
        where = f"{path.name}:{line}"
        code = row["code"]
        try:
            with_check_digit(code)
        except ValueError:
            raise RegionDataError(f"{where}: {code!r} is not a five-digit code") from None
        if code in rows:
            raise RegionDataError(f"{where}: duplicate code {code}")
        if row["prefecture_code"] not in prefecture_codes or code[:2] != row["prefecture_code"]:
            raise RegionDataError(f"{where}: prefecture {row['prefecture_code']!r} for {code}")
        if row["kind"] not in KINDS:
            raise RegionDataError(f"{where}: unknown kind {row['kind']!r}")
        if (row["kind"] == "ward") != bool(row["parent_code"]):
            raise RegionDataError(f"{where}: a ward needs a parent_code, nothing else may have one")
        for column in ("name", "name_kana", "name_en"):
            if not row[column]:
                raise RegionDataError(f"{where}: empty {column}")
        if not row["name"].endswith(NAME_SUFFIX[row["kind"]]):
            raise RegionDataError(f"{where}: {row['name']} does not look like a {row['kind']}")
        rows[code] = row
        lines[code] = where
    for code, row in rows.items():
        parent = row["parent_code"]
        if parent and (rows.get(parent, {}).get("kind") != "designated_city"):
            raise RegionDataError(f"{lines[code]}: parent {parent} is not a designated city here")
        if parent and parent[:2] != code[:2]:
            raise RegionDataError(f"{lines[code]}: parent {parent} is in another prefecture")
    ordered = sorted(rows.values(), key=lambda row: (row["kind"] == "ward", row["code"]))
    return ordered


def _upsert(
    model: Any, code: str, values: dict[str, Any], existing: Any, result: TableResult, using: str
) -> Any:
    if existing is not None and all(
        getattr(existing, key) == value for key, value in values.items()
    ):
        result.unchanged += 1
        return existing
    obj, created = model._default_manager.using(using).update_or_create(code=code, defaults=values)
    if created:
        result.created += 1
    else:
        result.updated += 1
    return obj


def load_regions(
    prefecture_model: Any,
    municipality_model: Any,
    *,
    data_dir: Path = DATA_DIR,
    using: str = "default",
) -> LoadResult:
    """Create or update every prefecture and municipality of the CSVs in ``data_dir``.

    ``prefecture_model`` and ``municipality_model`` are the ``Prefecture`` and ``Municipality``
    classes: the live ones, or the historical ones a migration gets from ``apps.get_model``.
    """
    prefectures = read_prefectures(data_dir)
    municipalities = read_municipalities(data_dir, frozenset(row["code"] for row in prefectures))
    result = LoadResult()
    with transaction.atomic(using=using):
        stored_prefectures = prefecture_model._default_manager.using(using).in_bulk()
        for row in prefectures:
            names: dict[str, Any] = {key: row[key] for key in ("name", "name_kana", "name_en")}
            _upsert(
                prefecture_model,
                row["code"],
                names,
                stored_prefectures.get(row["code"]),
                result.prefectures,
                using,
            )
        stored = municipality_model._default_manager.using(using).in_bulk()
        for row in municipalities:
            values = {
                "prefecture_id": row["prefecture_code"],
                "parent_id": row["parent_code"] or None,
                "kind": row["kind"],
                "name": row["name"],
                "name_kana": row["name_kana"],
                "name_en": row["name_en"],
            }
            _upsert(
                municipality_model,
                row["code"],
                values,
                stored.get(row["code"]),
                result.municipalities,
                using,
            )
    return result
