"""Outgoing mail: rendered in the request, sent by the background worker after commit.

A slow or unreachable SMTP server then never holds up a page, and a rolled-back transaction
never sends a message about something that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_email(
    *, subject: str, body: str, to: list[str], attachments: list[list[str]] | None = None
) -> int:
    """Send one message; ``attachments`` are ``[filename, text content, mimetype]`` triples
    (text, so that the task's arguments stay serializable, e.g. an ``.ics`` file)."""
    if not attachments:
        return send_mail(subject, body, None, to)
    message = EmailMessage(subject, body, None, to)
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message.send()


def queue_email(
    *,
    subject: str,
    body: str,
    to: Iterable[str],
    attachments: Iterable[tuple[str, str, str]] = (),
) -> None:
    recipients = list(to)
    files = [list(a) for a in attachments]
    if not files:
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=recipients))
        return
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, to=recipients, attachments=files)
    )
