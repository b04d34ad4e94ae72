"""Leaders' mail to the members, rate-limited, with a one-click unsubscribe link in each.

The limit is counted from the :class:`LeaderMessage` rows of the community: at most
:data:`DAILY_LIMIT` messages in any 24 hours and one per :data:`MIN_INTERVAL`. Two leaders
sending at the same moment cannot both slip under it: the count and the insert run in one
transaction that first locks the community row (``select_for_update`` on PostgreSQL; on SQLite
write transactions are serialized, so the second waits for the first to commit and then
counts its row).

Each recipient gets their own mail (queued after commit with
:func:`kyoso.core.mail.queue_email`) whose unsubscribe link carries a token signed with
``django.core.signing``: it names the membership and needs no login. Opening it shows a
confirmation page; the POST from that page switches the leaders' mail off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone

from kyoso.communities import messages
from kyoso.communities.models import Community, CommunityMembership, LeaderMessage
from kyoso.communities.services.common import CommunityError, require
from kyoso.core.mail import queue_email

#: Messages one community may send in any :data:`DAILY_WINDOW`.
DAILY_LIMIT = 3
DAILY_WINDOW = timedelta(hours=24)
#: The shortest time between two messages of one community.
MIN_INTERVAL = timedelta(minutes=10)

UNSUBSCRIBE_SALT = "kyoso.communities.unsubscribe"


@dataclass(frozen=True)
class Quota:
    """What the rate limit leaves: how many may still be sent now, and from when the next."""

    remaining: int
    next_at: datetime | None  # None: one may be sent now

    @property
    def can_send(self) -> bool:
        return self.next_at is None


def quota_of(community: Community, now: datetime | None = None) -> Quota:
    now = now or timezone.now()
    sent = list(
        LeaderMessage.objects.filter(community=community, sent_at__gt=now - DAILY_WINDOW)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
    )
    remaining = max(DAILY_LIMIT - len(sent), 0)
    waits: list[datetime] = []
    if remaining == 0:
        waits.append(sent[DAILY_LIMIT - 1] + DAILY_WINDOW)  # the oldest of the last three
    if sent and sent[0] + MIN_INTERVAL > now:
        waits.append(sent[0] + MIN_INTERVAL)
    return Quota(remaining=remaining, next_at=max(waits) if waits else None)


def _when(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "MONTH_DAY_TIME_FORMAT")


def _refusal(quota: Quota) -> CommunityError:
    assert quota.next_at is not None
    if quota.remaining == 0:
        return CommunityError(
            messages.MESSAGE_DAILY_LIMIT % {"limit": DAILY_LIMIT, "when": _when(quota.next_at)}
        )
    return CommunityError(
        messages.MESSAGE_TOO_SOON
        % {"minutes": int(MIN_INTERVAL.total_seconds() // 60), "when": _when(quota.next_at)}
    )


def unsubscribe_token(membership: CommunityMembership) -> str:
    return signing.dumps([membership.pk, membership.user_id], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(membership: CommunityMembership) -> str:
    path = reverse("communities:unsubscribe", args=[unsubscribe_token(membership)])
    return settings.BASE_URL + path


def membership_for_token(token: str) -> CommunityMembership | None:
    """The membership a token names; None when it is gone (the person left).

    A token that was cut short or changed raises :class:`CommunityError` with
    :data:`~kyoso.communities.messages.UNSUBSCRIBE_LINK_INVALID`.
    """
    try:
        membership_id, user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        raise CommunityError(messages.UNSUBSCRIBE_LINK_INVALID) from None
    return (
        CommunityMembership.objects.select_related("community")
        .filter(pk=membership_id, user_id=user_id)
        .first()
    )


def membership_unsubscribe(*, token: str) -> CommunityMembership:
    """Switch the leaders' mail off for the membership the token names (no login needed)."""
    membership = membership_for_token(token)
    if membership is None:
        raise CommunityError(messages.UNSUBSCRIBE_MEMBERSHIP_GONE)
    with transaction.atomic():
        CommunityMembership.objects.filter(pk=membership.pk).update(messages_opted_out=True)
    membership.messages_opted_out = True
    return membership


def _mail(
    community: Community, membership: CommunityMembership, sender: Any, subject: str, body: str
) -> None:
    context = {
        "community": community,
        "sender_name": sender.public_name,
        "recipient": membership.user,
        "body": body,
        "community_url": settings.BASE_URL + reverse("communities:detail", args=[community.slug]),
        "unsubscribe_url": unsubscribe_url(membership),
    }
    text = render_to_string("communities/email/message_body.txt", context)
    full_subject = f"[{community.name}] {subject}"
    queue_email(subject=" ".join(full_subject.split()), body=text, to=[membership.user.email])


def message_send(
    *,
    actor: Any,
    community: Community,
    subject: str,
    body: str,
    request: HttpRequest | None = None,
) -> LeaderMessage:
    """Mail every active member who has not opted out (the sender excepted)."""
    from kyoso.communities.selectors import active_recipients

    require("communities.message_members", actor, community)
    subject, body = " ".join(subject.split()), body.strip()
    if not subject:
        raise CommunityError(messages.MESSAGE_SUBJECT_REQUIRED)
    if not body:
        raise CommunityError(messages.MESSAGE_BODY_REQUIRED)
    with transaction.atomic():
        list(Community.objects.select_for_update().filter(pk=community.pk).values_list("pk"))
        quota = quota_of(community)
        if not quota.can_send:
            raise _refusal(quota)
        recipients = list(active_recipients(community, sender=actor))
        if not recipients:
            raise CommunityError(messages.MESSAGE_NO_RECIPIENTS)
        message = LeaderMessage.objects.create(
            community=community,
            sender=actor,
            subject=subject,
            body=body,
            recipient_count=len(recipients),
        )
        for membership in recipients:
            _mail(community, membership, actor, subject, body)
    return message
