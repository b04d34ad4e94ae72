"""``kyoso manage send_digests --period daily|weekly``: mail this period's digests now.

Schedule it from cron (daily at a fixed hour, weekly on one day). Safe to run on several hosts
at once: each notification is mailed once (see :mod:`kyoso.notifications.tasks`).
"""

from django.core.management.base import BaseCommand

from kyoso.notifications.tasks import PERIODS, send_digests


class Command(BaseCommand):
    help = "Send the daily or weekly notification digest to everyone who chose it."

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=PERIODS, required=True)

    def handle(self, *args, period: str, **options):
        sent = send_digests.call(period)
        self.stdout.write(f"{period} digests sent: {sent}")
