"""``manage.py evaluate_search`` (``kyoso manage evaluate_search``): measure the search against
the labelled set (docs/search-quality.md) and print the table.

The measurement runs on a throwaway database made like the test database (migrated, with the
configured vendor), never on the configured one: the figures then depend only on the code and
the set, not on what a site holds, and the evaluation's issues and demo region cannot be left
in a real database. ``--write`` puts the table in the section of docs/search-quality.md for the
current database vendor; ``--json`` writes every query's details.
"""

from __future__ import annotations

import json
import os
import platform
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import override_settings
from django.utils import timezone

import kyoso
from kyoso.search import messages
from kyoso.search.quality.evaluate import DatasetError, Report, load_dataset, measure

DOC = Path(kyoso.__file__).resolve().parent.parent / "docs" / "search-quality.md"
VENDORS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
#: What the throwaway database's name ends with (PostgreSQL): not pytest's test database.
DATABASE_SUFFIX = "_evaluate_search"

T = TypeVar("T")


def markers(vendor: str) -> tuple[str, str]:
    return f"<!-- evaluate_search {vendor} start -->", f"<!-- evaluate_search {vendor} end -->"


def database_version(connection: Any) -> str:
    if connection.vendor == "postgresql":
        major, minor = divmod(connection.pg_version, 10_000)
        return f"{major}.{minor}"
    if connection.vendor == "sqlite":
        return str(connection.Database.sqlite_version)
    return ""


def machine_line(connection: Any, report: Report) -> str:
    synonyms = "loaded" if report.local_synonyms_loaded else "not in this tree"
    return (
        f"Measured {timezone.now():%Y-%m-%d %H:%M} UTC with `kyoso manage evaluate_search`: "
        f"{VENDORS.get(connection.vendor, connection.vendor)} {database_version(connection)}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; local synonyms {synonyms}."
    )


def replace_section(text: str, vendor: str, body: str) -> str | None:
    """``text`` with the section between the vendor's markers replaced, None without them."""
    start, end = markers(vendor)
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        return None
    return pattern.sub(lambda _m: f"{start}\n{body.strip()}\n{end}", text, count=1)


def on_throwaway_database(run: Callable[[], T]) -> T:
    """``run()`` against a new database made as the test runner makes one, then dropped."""
    connection = connections[DEFAULT_DB_ALIAS]
    original = connection.settings_dict["NAME"]
    test = connection.settings_dict.setdefault("TEST", {})
    saved_test_name = test.get("NAME")
    if connection.vendor != "sqlite":  # SQLite's test database is in memory
        test["NAME"] = f"{original}{DATABASE_SUFFIX}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
        test["NAME"] = saved_test_name


class Command(BaseCommand):
    help = (
        "評価用の問い合わせで検索の品質（recall@10・precision@10・MRR）を測り、LIKE 検索と"
        "比べた表を出力します。使い捨てのデータベースで実行します。"
        " / Measure the search against the labelled queries (recall@10, precision@10, MRR),"
        " beside a LIKE baseline, on a throwaway database, and print the table."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--write",
            nargs="?",
            const=str(DOC),
            default=None,
            metavar="PATH",
            help=(
                "このデータベースの種類の節を書き換えるファイル（既定: docs/search-quality.md）"
                " / Update this vendor's section of the file (default: docs/search-quality.md)"
            ),
        )
        parser.add_argument(
            "--json",
            default=None,
            metavar="PATH",
            help="問い合わせごとの結果の書き出し先 / Write every query's results here",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(str(messages.EVALUATE_REFUSED_IN_PRODUCTION))
        try:
            dataset = load_dataset()
        except (DatasetError, ValueError, KeyError, TypeError) as error:
            raise CommandError(str(messages.EVALUATE_DATASET_ERROR % {"error": error})) from None
        target = Path(options["write"]) if options["write"] else None
        if target is not None:
            self._check_markers(target)

        def run() -> tuple[Report, str]:
            # Faster hashing for the demo's accounts; no mail; a cache of its own.
            with override_settings(
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
                CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
            ):
                try:
                    report = measure(dataset)
                except DatasetError as error:
                    message = messages.EVALUATE_DATASET_ERROR % {"error": error}
                    raise CommandError(str(message)) from None
            return report, machine_line(connections[DEFAULT_DB_ALIAS], report)

        report, machine = on_throwaway_database(run)
        self.stdout.write(machine + "\n\n" + report.markdown())
        if target is not None:
            self._write_section(target, report.vendor, machine + "\n\n" + report.markdown())
        if options["json"]:
            path = Path(options["json"])
            path.write_text(
                json.dumps(report.as_dict(), ensure_ascii=False, indent=1) + "\n",
                encoding="utf-8",
            )
            self.stderr.write(str(messages.EVALUATE_JSON_WRITTEN % {"path": path}))

    def _check_markers(self, target: Path) -> None:
        """Fail before measuring when the file cannot take the table."""
        vendor = connections[DEFAULT_DB_ALIAS].vendor
        text = target.read_text(encoding="utf-8") if target.exists() else ""
        if replace_section(text, vendor, "") is None:
            message = messages.EVALUATE_NO_SECTION % {
                "path": target,
                "vendor": VENDORS.get(vendor, vendor),
                "marker": markers(vendor)[0],
            }
            raise CommandError(str(message))

    def _write_section(self, target: Path, vendor: str, body: str) -> None:
        text = replace_section(target.read_text(encoding="utf-8"), vendor, body)
        assert text is not None  # checked before measuring
        target.write_text(text, encoding="utf-8")
        label = VENDORS.get(vendor, vendor)
        self.stderr.write(str(messages.EVALUATE_WRITTEN % {"path": target, "vendor": label}))
