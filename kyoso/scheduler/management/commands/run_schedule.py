"""Run the scheduled jobs that are due, once (from cron, or by hand); ``kyoso worker`` and
``kyoso scheduler`` run them on time without cron."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from kyoso.core.schedule import jobs
from kyoso.scheduler.services import run_due


class Command(BaseCommand):
    help = "Run the scheduled jobs that are due, once; --list shows the jobs."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--list", action="store_true", help="List the jobs and their slots.")

    def handle(self, *args, list: bool, **options) -> None:
        if list:
            now = timezone.localtime()
            for job in jobs():
                slot = job.when.slot(now)
                upcoming = timezone.localtime(slot + job.when.period)
                line = f"{job.name}: {job.command} {' '.join(job.args)}".rstrip()
                self.stdout.write(f"{line} (next {upcoming:%Y-%m-%d %H:%M})")
            return
        for ran in run_due():
            outcome = "ok" if ran.succeeded else "FAILED"
            when = timezone.localtime(ran.slot)
            self.stdout.write(f"{ran.job} {when:%Y-%m-%d %H:%M} {outcome}")
