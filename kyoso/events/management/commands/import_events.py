"""``kyoso manage import_events FILE.csv`` — import past events (docs/events-import.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyoso.events.services.importing import (
    ImportFileError,
    ImportRefused,
    Row,
    describe,
    events_import,
    summary,
)


class Command(BaseCommand):
    help = (
        "過去のイベントをCSVファイルから取り込みます（docs/events-import.md）。"
        " / Import past events from a CSV file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSVファイル / The CSV file (UTF-8 or Shift_JIS)")
        parser.add_argument(
            "--as",
            dest="actor",
            help="作成者にする事務局のメールアドレス（省略時は最初の事務局） / Creator's email",
        )
        parser.add_argument(
            "--organization", help="主催団体のURL用の名前 / Organizing organization's slug"
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="進み具合を表示しない / No progress bar"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from kyoso.accounts.models import User
        from kyoso.orgs.models import Organization
        from kyoso.roles.selectors import secretariat_users

        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"], is_active=True).first()
            if actor is None:
                raise CommandError(f"{options['actor']}: そのメールアドレスの利用者はいません。")
        else:
            actor = secretariat_users().first()
            if actor is None:
                raise CommandError("事務局の利用者がいません。--as で作成者を指定してください。")
        organization = None
        if options["organization"]:
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(f"{options['organization']}: その団体はありません。")

        def progress(rows: Iterable[Row]) -> Iterator[Row]:
            items = list(rows)
            if options["no_progress"]:
                yield from items
                return
            out = self.stderr._out
            with click.progressbar(items, label=path.name, file=out) as bar:  # type: ignore[call-overload]
                yield from bar

        try:
            result = events_import(
                actor=actor,
                data=data,
                source=path.name,
                organization=organization,
                progress=progress,
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error.message}") from error
        except ImportRefused as refused:
            for line in describe(refused.problems):
                self.stderr.write(f"{path.name}: {line}")
            raise CommandError(summary(refused.problems)) from refused
        self.stdout.write(result.message)
