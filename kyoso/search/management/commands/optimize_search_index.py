"""``manage.py optimize_search_index`` (``kyoso manage optimize_search_index``): nightly."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kyoso.search import messages
from kyoso.search.services import OPTIMIZE_PAGES, optimize


class Command(BaseCommand):
    help = (
        "検索の索引の断片をまとめ、検索を速く保ちます（毎晩の実行を推奨）。"
        " / Merge the pieces of the search index so that searches stay fast (run it nightly)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pages",
            type=int,
            default=OPTIMIZE_PAGES,
            help="一度にまとめるページ数（SQLite） / Index pages merged per transaction (SQLite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def report(steps: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(str(messages.OPTIMIZE_PROGRESS % {"steps": f"{steps:,}"}))

        steps = optimize(pages=options["pages"], progress=report)
        self.stdout.write(self.style.SUCCESS(str(messages.OPTIMIZE_DONE % {"steps": f"{steps:,}"})))
