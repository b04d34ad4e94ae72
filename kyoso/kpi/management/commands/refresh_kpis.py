"""Close the surveys past their closing time, then store the actuals of computed and
survey-fed indicators (scheduled daily as ``kpi.refresh``; staff also have a button)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kyoso.kpi.services import indicators_refresh, surveys_close_due


class Command(BaseCommand):
    help = "Close due surveys and store the actuals of computed and survey-fed KPIs."

    def handle(self, *args: Any, **options: Any) -> None:
        closed = surveys_close_due()
        written = indicators_refresh()
        self.stdout.write(f"closed {closed} survey(s); stored {written} actual(s)")
