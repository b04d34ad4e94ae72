"""共感 (empathy), follows and 「手伝えます」 offers.

Empathy and follows are one row per person (unique constraints). Parallel requests from one
person never count twice: the row is inserted in a savepoint and the counter is moved only
when the insert (or the delete) really happened, with an ``F()`` update, so the counter always
equals the number of rows. On PostgreSQL the second insert waits for the first to commit and
then fails on the unique index; on SQLite write transactions are serialized (IMMEDIATE).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext

from kyoso.issues import messages
from kyoso.issues.models import Empathy, Follow, HelpOffer, Issue
from kyoso.issues.services.posting import (
    IssueError,
    notify,
    reindex_on_commit,
    require,
    set_counter,
)


def _toggle(
    *,
    model: type[Model],
    counter: str,
    actor: Any,
    issue: Issue,
    on: bool | None,
    activity: bool,
) -> bool:
    rows = model.objects.filter(issue_id=issue.pk, user_id=actor.pk)  # type: ignore[attr-defined]
    with transaction.atomic():
        if on is None:
            on = not rows.exists()
        if on:
            try:
                with transaction.atomic():
                    model.objects.create(issue_id=issue.pk, user_id=actor.pk)  # type: ignore[attr-defined]
            except IntegrityError:
                return True  # already there (a parallel request, a double click)
            updates: dict[str, Any] = {counter: F(counter) + 1}
            if activity:
                updates["last_activity_at"] = timezone.now()
            Issue.objects.filter(pk=issue.pk).update(**updates)
        else:
            deleted, _ = rows.delete()
            if not deleted:
                return False
            set_counter(issue.pk, counter, -1)
        reindex_on_commit(issue.pk)
    return on


def empathy_toggle(*, actor: Any, issue: Issue, on: bool | None = None) -> bool:
    """Empathize (``on=True``), take it back (``on=False``) or flip (``None``).

    Returns whether ``actor`` empathizes afterwards. Pages send the state they want rather
    than "flip", so a double click or a resent form cannot undo what was meant.
    """
    require("issues.add_empathy", actor, issue)
    return _toggle(
        model=Empathy, counter="empathy_count", actor=actor, issue=issue, on=on, activity=True
    )


def follow_toggle(*, actor: Any, issue: Issue, on: bool | None = None) -> bool:
    """Follow or unfollow; returns whether ``actor`` follows afterwards.

    Unfollowing is always allowed (even when the issue was closed or merged meanwhile).
    """
    if on is not False:
        require("issues.follow_issue", actor, issue)
    return _toggle(
        model=Follow, counter="follower_count", actor=actor, issue=issue, on=on, activity=False
    )


def empathy_count_of(issue: Issue) -> int:
    return Issue.objects.filter(pk=issue.pk).values_list("empathy_count", flat=True).first() or 0


def offer_create(*, actor: Any, issue: Issue, kinds: Iterable[str], message: str) -> HelpOffer:
    """Send 「手伝えます」: what kinds of help and a short message, to the poster.

    The poster and the secretariat see the offers; everyone else sees how many there are.
    """
    require("issues.offer_help", actor, issue)
    chosen = [k for k in dict.fromkeys(kinds) if k in HelpOffer.Kind.values]
    if not chosen:
        raise IssueError(messages.OFFER_KINDS_REQUIRED)
    if not message.strip():
        raise IssueError(messages.OFFER_MESSAGE_REQUIRED)
    with transaction.atomic():
        offer = HelpOffer.objects.create(
            issue=issue, user=actor, kinds=chosen, message=message.strip()
        )
        Issue.objects.filter(pk=issue.pk).update(last_activity_at=timezone.now())
        from kyoso.accounts.models import User

        recipients = User.objects.filter(pk=issue.author_id, is_active=True).exclude(pk=actor.pk)
        notify(
            recipients=recipients,
            kind="issues.offer",
            actor=actor,
            issue=issue,
            text=gettext("「%(title)s」に「手伝えます」の申し出がありました。")
            % {"title": issue.title},
            anchor="#offers",
        )
        reindex_on_commit(issue.pk)
    return offer
