"""``manage.py rebuild_search_index [--type KEY]`` (``kyoso manage rebuild_search_index``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyoso.search import messages, registry
from kyoso.search.services import REBUILD_BATCH, rebuild, remove_unregistered

BAR_WIDTH = 30


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    filled = width if total <= 0 else min(width, done * width // total)
    return "#" * filled + "-" * (width - filled)


class Command(BaseCommand):
    help = (
        "検索の索引を作り直します（すべての種類、または --type の種類）。"
        " / Rebuild the search index for every registered type, or the one given by --type."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--type",
            dest="type_key",
            help="作り直す種類（例: issues, people） / The type to rebuild (e.g. issues, people)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=REBUILD_BATCH,
            help="一度に索引する件数 / Objects indexed per transaction",
        )

    def handle(self, *args: Any, type_key: str | None = None, **options: Any) -> None:
        batch_size = max(1, options["batch_size"])
        if type_key:
            search_type = registry.get(type_key)
            if search_type is None:
                raise CommandError(
                    str(
                        messages.REBUILD_UNKNOWN_TYPE
                        % {"type": type_key, "choices": ", ".join(registry.type_keys())}
                    )
                )
            selected = [search_type]
        else:
            selected = registry.all_types()
            removed = remove_unregistered()
            if removed:
                self.stdout.write(str(messages.REBUILD_REMOVED % {"count": f"{removed:,}"}))
        for search_type in selected:
            label = str(search_type.label)

            def report(done: int, total: int, label: str = label) -> None:
                line = messages.REBUILD_PROGRESS % {
                    "label": label,
                    "bar": progress_bar(done, total),
                    "done": f"{done:,}",
                    "total": f"{total:,}",
                }
                self.stdout.write(str(line))

            count = rebuild(search_type, batch_size=batch_size, progress=report)
            done = messages.REBUILD_DONE % {"label": label, "count": f"{count:,}"}
            self.stdout.write(self.style.SUCCESS(str(done)))
