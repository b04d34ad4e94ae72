"""Close published missions past their application deadline (run it every few minutes or
nightly; the pages already treat them as closed when they read them)."""

from django.core.management.base import BaseCommand

from kyoso.missions.services.missions import close_expired


class Command(BaseCommand):
    help = "Close published missions whose application deadline has passed."

    def handle(self, *args, **options) -> None:
        closed = close_expired()
        self.stdout.write(f"Closed {closed} mission(s).")
