"""Mail tomorrow's hub bookings their reminder (run once a day, e.g. at 18:00)."""

from django.core.management.base import BaseCommand

from kyoso.hubs.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Mail the reminder (with .ics) of tomorrow's confirmed hub bookings."

    def handle(self, *args, **options) -> None:
        sent = send_reminders()
        self.stdout.write(f"{sent} reminders queued")
