"""Concierge mail: the booking confirmation (to the person and to the concierge) and the
follow-up reminder (to the person). Each is rendered in the recipient's mail language
(:func:`kyoso.notifications.mail.language_of`) and queued after commit. The mail says when and
where, never the private record."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from kyoso.core.mail import queue_email
from kyoso.notifications.mail import language_of


def _render(kind: str, recipient: Any, consultation: Any) -> tuple[str, str]:
    start = timezone.localtime(consultation.starts_at)
    context = {
        "kind": kind,
        "name": recipient.public_name,
        "consultation": consultation,
        "hub": consultation.hub,
        "when": f"{start:%Y-%m-%d %H:%M}",
        "person_name": consultation.person_name,
        "concierge_name": consultation.concierge.public_name if consultation.concierge else "",
        "url": settings.BASE_URL + reverse("concierge:consultation", args=[consultation.pk]),
    }
    subject = render_to_string("concierge/email/subject.txt", context)
    body = render_to_string("concierge/email/body.txt", context)
    return " ".join(subject.split()), body


def _send(kind: str, recipient: Any, consultation: Any) -> bool:
    if recipient is None or not recipient.email or not recipient.is_active:
        return False
    with translation.override(language_of(recipient, translation.get_language())):
        subject, body = _render(kind, recipient, consultation)
    queue_email(subject=subject, body=body, to=[recipient.email])
    return True


def queue_booking_mail(consultation: Any) -> int:
    """The confirmation to the person and the note to the concierge; how many were queued."""
    sent = [
        _send("booked", consultation.person, consultation),
        _send("booked_concierge", consultation.concierge, consultation),
    ]
    return sum(sent)


def queue_follow_up_mail(consultation: Any) -> bool:
    return _send("follow_up", consultation.person, consultation)
