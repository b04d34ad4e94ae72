"""Outgoing mail: rendered in the request, sent by the background worker after commit.

A slow or unreachable SMTP server then never holds up a page, and a rolled-back transaction
never sends a message about something that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    return send_mail(subject, body, None, to)


def queue_email(*, subject: str, body: str, to: Iterable[str]) -> None:
    recipients = list(to)
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=recipients))
