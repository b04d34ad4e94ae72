"""Follow-up reminders, sent once per follow-up on its date.

Run by ``kyoso manage send_followup_reminders`` (cron, e.g. hourly) or enqueued as the
:func:`send_followup_reminders` task. For each consultation whose follow-up date has come, with
a note addressed to the person and not yet done, the reminder is claimed with one conditional
``UPDATE … SET follow_up_reminded_at = now WHERE … IS NULL``; only the run whose UPDATE changed
the row queues the mail, in the language the person chose for mail.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kyoso.concierge.mail import queue_follow_up_mail
from kyoso.concierge.models import Consultation


def due_follow_up_ids(*, today=None) -> list[int]:
    today = today or timezone.localdate()
    return list(
        Consultation.objects.filter(
            follow_up_on__lte=today,
            followed_up_at__isnull=True,
            follow_up_reminded_at__isnull=True,
            person__isnull=False,
            person__is_active=True,
        )
        .exclude(follow_up_note="")
        .order_by("follow_up_on", "id")
        .values_list("id", flat=True)
    )


def send_follow_up(consultation_id: int) -> bool:
    with transaction.atomic():
        claimed = Consultation.objects.filter(
            pk=consultation_id, follow_up_reminded_at__isnull=True
        ).update(follow_up_reminded_at=timezone.now())
        if not claimed:
            return False
        consultation = Consultation.objects.select_related("hub", "person", "concierge").get(
            pk=consultation_id
        )
        return queue_follow_up_mail(consultation)


@task()
def send_followup_reminders() -> int:
    """Mail every follow-up that is due; return how many were sent."""
    return sum(1 for pk in due_follow_up_ids() if send_follow_up(pk))
