"""``kyoso manage send_event_reminders``: mail the reminder for events starting within 24 h.

Schedule it from cron (e.g. every 15 minutes). Safe to run on several hosts at once: each
registration is reminded once (see :mod:`kyoso.events.tasks`)."""

from django.core.management.base import BaseCommand

from kyoso.events.tasks import send_event_reminders


class Command(BaseCommand):
    help = "Send the reminder mail to confirmed registrants of events starting within 24 hours."

    def handle(self, *args, **options):
        sent = send_event_reminders.call()
        self.stdout.write(f"event reminders sent: {sent}")
