"""The follow-up after an event: the people who attended hear which issues surfaced there.

Who: attendees, i.e. registrations with an account that were checked in (not mere registrants,
not walk-ins without an account). When: the minutes are published with at least one visible
surfaced issue (and again, for attendees who had none yet, when an issue is added to published
minutes or someone is checked in late and the minutes are published again).

Exactly once per event and person: each attendee's registration is claimed with a conditional
``UPDATE … SET followup_sent_at = now WHERE followup_sent_at IS NULL``; only the requests whose
update changed the row notify. Two organizers publishing at the same moment, a double click or
a resent form therefore send nothing twice, on SQLite and PostgreSQL alike.

How: an in-site notification through :func:`kyoso.notifications.services.notify`, which also
mails it according to the person's mail preference (at once through
:func:`kyoso.core.mail.queue_email` after commit, or in their digest). The notification names
the surfaced issues and links to the event's follow-up page, where each issue has its one-click
follow and 「手伝えます」 actions.
"""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.events.models import Event, Minutes, Registration, RegistrationStatus
from kyoso.events.selectors_followup import surfaced_issues_of

NOTIFICATION_KIND = "events.followup"
#: Issue titles named in the notification (the page shows them all).
TITLES_IN_TEXT = 3


def attendee_registrations(event: Event):  # type: ignore[no-untyped-def]
    """Registrations of people who attended: checked in, with an account, not cancelled."""
    return Registration.objects.filter(
        event_id=event.pk, user__isnull=False, checked_in_at__isnull=False
    ).exclude(status=RegistrationStatus.CANCELLED)


def _text(event: Event, titles: list[str], total: int) -> str:
    named = gettext("、").join(
        gettext("「%(title)s」") % {"title": title} for title in titles[:TITLES_IN_TEXT]
    )
    if total > TITLES_IN_TEXT:
        named = gettext("%(named)sほか%(more)s件") % {
            "named": named,
            "more": total - TITLES_IN_TEXT,
        }
    return gettext(
        "参加した「%(event)s」の議事録が公開されました。この会で見えてきた課題：%(named)s。"
        "フォローや「手伝えます」で、ひと押しで関われます。"
    ) % {"event": event.title, "named": named}


def followup_send(*, event: Event, minutes: Minutes) -> int:
    """Send the follow-up to every attendee who has not had it; return how many got it now."""
    if minutes.published_at is None:
        return 0
    issues = list(surfaced_issues_of(minutes).values_list("title", flat=True))
    if not issues:
        return 0
    with transaction.atomic():
        claimed: list[int] = []
        now = timezone.now()
        pending = attendee_registrations(event).filter(followup_sent_at__isnull=True)
        for registration_id, user_id in pending.values_list("pk", "user_id"):
            won = Registration.objects.filter(
                pk=registration_id, followup_sent_at__isnull=True
            ).update(followup_sent_at=now)
            if won:
                claimed.append(user_id)
        if not claimed:
            return 0
        from kyoso.notifications.services import notify

        notify(
            recipients=claimed,
            kind=NOTIFICATION_KIND,
            actor=None,
            target=event,
            text=_text(event, issues, len(issues)),
            url=reverse("events:followup", args=[event.pk]),
        )
    return len(claimed)
