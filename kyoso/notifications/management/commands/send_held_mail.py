"""``kyoso manage send_held_mail``: send the immediate mail that quiet hours held, now that
they are over.

Schedule it every few minutes (as ``send_event_reminders``). Safe to run on several hosts at
once: each notification is claimed by one conditional ``UPDATE`` and mailed once
(see :mod:`kyoso.notifications.tasks`).
"""

from django.core.management.base import BaseCommand

from kyoso.notifications.tasks import send_held_mail


class Command(BaseCommand):
    help = "Send the notification mail held by quiet hours that have ended."

    def handle(self, *args, **options):
        sent = send_held_mail.call()
        self.stdout.write(f"held mail sent: {sent}")
