"""``kyoso manage send_followup_reminders``: mail each follow-up addressed to a person on its
date, once (see :mod:`kyoso.concierge.tasks`)."""

from django.core.management.base import BaseCommand

from kyoso.concierge.tasks import send_followup_reminders


class Command(BaseCommand):
    help = "Send the follow-up reminders of concierge consultations that are due."

    def handle(self, *args, **options):
        sent = send_followup_reminders.call()
        self.stdout.write(f"follow-up reminders sent: {sent}")
