"""Recompute every person's matching features and postings (after a deploy, or nightly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Recompute the matching features and postings of every person with a profile."

    def handle(self, *args: Any, **options: Any) -> None:
        from kyoso.matching.services.profiles import rebuild_all

        count = rebuild_all()
        self.stdout.write(f"{count} match profiles rebuilt.")
