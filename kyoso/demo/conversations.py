"""Loading the recent conversation on the demo issues (data in
``kyoso/demo/data/conversations.py``).

Every comment, reply, 共感, follow and offer goes through the issues services, exactly as a
person clicking would, so the counters equal the rows, commenters follow the issue and
followers are notified. Afterwards only timestamps are moved: each action gets a moment
between the talk's ``days_ago`` and half a day before the load, the notifications it caused
are dated with it (and those older than :data:`READ_AFTER` are marked read, as their
recipients would have), and the issue's last activity becomes the latest of its history and
the talk.

Idempotent: a comment is looked up by (issue, author, text), an offer by (issue, person,
message), 共感 and follows by (issue, person); only what is missing is added, and an issue
that gains nothing is not touched.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Case, Max, Model, Value, When
from django.utils import timezone

from kyoso.demo.data.conversations import TALKS, Talk
from kyoso.issues.models import Comment, Empathy, Follow, HelpOffer, Issue
from kyoso.notifications.models import Notification

#: Notifications older than this at load time are shown as read.
READ_AFTER = timedelta(days=10)
#: The latest moment of a talk, before the load (the site's "today" starts after it).
LAST_GAP = timedelta(hours=13)


def last_notification_id() -> int:
    return Notification.objects.aggregate(last=Max("id"))["last"] or 0


def date_notifications(*, after_id: int, moment: datetime, now: datetime) -> int:
    """Date the notifications created since ``after_id`` at ``moment``; the mail they record
    as sent was "sent" then too, and one older than :data:`READ_AFTER` is read."""
    read_at = moment + timedelta(hours=6) if now - moment > READ_AFTER else None
    return Notification.objects.filter(pk__gt=after_id).update(
        created_at=moment,
        emailed_at=Case(When(emailed_at__isnull=True, then=Value(None)), default=Value(moment)),
        read_at=read_at,
    )


def load_conversations(run: Any) -> None:
    """The ``_load_conversations`` step of :mod:`kyoso.demo.services` (``run``: its ``_Run``)."""
    from kyoso.demo.services import DemoDataError

    issues = {i.title: i for i in Issue.objects.filter(title__in=[t.title for t in TALKS])}
    missing = [t.title for t in TALKS if t.title not in issues]
    if missing:
        raise DemoDataError(f"Conversation on issues the demo does not have: {missing}")
    ids = [i.pk for i in issues.values()]
    seen = _Seen(
        comments=set(
            Comment.objects.filter(issue_id__in=ids).values_list("issue_id", "author_id", "body")
        ),
        empathy=set(Empathy.objects.filter(issue_id__in=ids).values_list("issue_id", "user_id")),
        follows=set(Follow.objects.filter(issue_id__in=ids).values_list("issue_id", "user_id")),
        offers=set(
            HelpOffer.objects.filter(issue_id__in=ids).values_list("issue_id", "user_id", "message")
        ),
    )
    for talk in TALKS:
        _talk(run, talk, issues[talk.title], seen)


class _Seen:
    def __init__(self, **rows: set[tuple]) -> None:
        self.comments = rows["comments"]
        self.empathy = rows["empathy"]
        self.follows = rows["follows"]
        self.offers = rows["offers"]


#: One thing to do: its kind (a ``run.created`` key), who, and what (text, parent, kinds).
Action = tuple[str, str, str, int | None, tuple[str, ...]]


def _talk(run: Any, talk: Talk, issue: Issue, seen: _Seen) -> None:
    users = run.users
    actions: list[Action] = []
    for number, spec in enumerate(talk.comments):
        run.totals["issue_comments"] += 1 + len(spec.replies)
        if (issue.pk, users[spec.author].pk, spec.body) not in seen.comments:
            actions.append(("issue_comments", spec.author, spec.body, None, ()))
        for author, body in spec.replies:
            if (issue.pk, users[author].pk, body) not in seen.comments:
                actions.append(("issue_comments", author, body, number, ()))
    for offer in talk.offers:
        run.totals["help_offers"] += 1
        if (issue.pk, users[offer.user].pk, offer.message) not in seen.offers:
            actions.append(("help_offers", offer.user, offer.message, None, offer.kinds))
    for kind, keys, rows in (
        ("empathy", talk.empathy, seen.empathy),
        ("follows", talk.follows, seen.follows),
    ):
        for key in keys:
            run.totals[kind] += 1
            if (issue.pk, users[key].pk) not in rows:
                rows.add((issue.pk, users[key].pk))
                actions.append((kind, key, "", None, ()))
    if not actions:
        return

    began = timezone.now()
    start = run.now - timedelta(days=talk.days_ago)
    span = run.now - LAST_GAP - start
    moment = start
    for number, action in enumerate(actions, start=1):
        kind = action[0]
        moment = start + span * number / len(actions)
        before = last_notification_id()
        row = _act(run, talk, issue, *action)
        if row is not None:
            type(row)._default_manager.filter(pk=row.pk).update(created_at=moment)
            run.created[kind] += 1
        date_notifications(after_id=before, moment=moment, now=run.now)
    # Commenting makes the commenter follow: those rows are dated with the talk too.
    Follow.objects.filter(issue_id=issue.pk, created_at__gte=began).update(created_at=moment)
    Issue.objects.filter(pk=issue.pk).update(last_activity_at=max(issue.last_activity_at, moment))


def _act(
    run: Any,
    talk: Talk,
    issue: Issue,
    kind: str,
    key: str,
    text: str,
    thread: int | None,
    kinds: tuple[str, ...],
) -> Model | None:
    """Do one action through the issues services; return the row it made."""
    from kyoso.issues.services import comments, engagement

    actor = run.users[key]
    if kind == "issue_comments":
        parent = None
        if thread is not None:  # a reply: its parent is the thread's first comment
            top = talk.comments[thread]
            parent = Comment.objects.get(
                issue_id=issue.pk,
                author_id=run.users[top.author].pk,
                body=top.body,
                parent__isnull=True,
            )
        return comments.comment_create(actor=actor, issue=issue, body=text, parent=parent)
    if kind == "help_offers":
        return engagement.offer_create(actor=actor, issue=issue, kinds=kinds, message=text)
    model: type[Model] = Empathy if kind == "empathy" else Follow
    toggle = engagement.empathy_toggle if kind == "empathy" else engagement.follow_toggle
    rows = model._default_manager.filter(issue_id=issue.pk, user_id=actor.pk)
    if rows.exists():  # a comment of this talk made the commenter follow already
        return None
    toggle(actor=actor, issue=issue, on=True)
    return rows.first()
