"""Print the collaboration network's figures for a period (JSON)::

kyoso manage network_figures --from 2021-04-01 --to 2022-03-31
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kyoso.network import messages
from kyoso.network.selectors import network_figures


class Command(BaseCommand):
    help = "Print the collaboration network's figures for a period as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")

    def handle(self, *args, start: str, end: str, **options) -> None:
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            raise CommandError(str(messages.PERIOD_INVALID)) from None
        if first > last:
            raise CommandError(str(messages.PERIOD_INVALID))
        figures = network_figures(first, last)
        self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
