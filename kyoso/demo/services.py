"""Loading the demo region: idempotent, and refused in production mode.

``demo_load`` creates what is missing and changes nothing that exists: every row is looked up
by its natural key (email, slug, (organization, user), (role, user), (role, organization)) and
only created when absent, so a second run writes nothing and staff edits made in between
survive. The one exception is a demo account whose password no longer matches the demo
password: it is set back, because the logins ``kyoso demo`` prints must work.

The shared demo password comes from ``KYOSO_DEMO_PASSWORD`` or, when that is unset, from
``DATA_DIR/demo_password`` (mode 0600), generated on the first run. It is never in the code.

To extend the demo (issues, events, …) add a data module in ``kyoso/demo/data/`` and a
``_load_<kind>`` step to ``STEPS``.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import models, transaction
from django.utils import timezone

from kyoso.accounts.models import Profile, User
from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.core.env import env_str
from kyoso.demo import data, messages
from kyoso.demo.archive import load_archive
from kyoso.demo.board import load_board
from kyoso.demo.campaigns import load_campaigns
from kyoso.demo.challenges import load_challenges
from kyoso.demo.communities import load_communities
from kyoso.demo.concierge import load_concierge
from kyoso.demo.conversations import date_notifications, last_notification_id, load_conversations
from kyoso.demo.data.issues import ISSUES, DemoIssue
from kyoso.demo.data.projects import PROJECTS
from kyoso.demo.evaluation import load_evaluation
from kyoso.demo.funding import load_funding
from kyoso.demo.hubs import load_hubs
from kyoso.demo.kpi import load_kpis
from kyoso.demo.matching import load_matching
from kyoso.demo.missions import load_missions
from kyoso.demo.network import load_network
from kyoso.demo.projects import load_projects
from kyoso.demo.upcoming import load_upcoming_events
from kyoso.issues.models import Comment, HelpOffer, Issue, Stage, StageChange
from kyoso.orgs.models import Membership, Organization
from kyoso.regions.models import Municipality
from kyoso.roles.models import RoleAssignment
from kyoso.sitepages.models import SitePage

DEMO_PASSWORD_ENV = "KYOSO_DEMO_PASSWORD"  # noqa: S105 (a variable name)
DEMO_PASSWORD_FILE = "demo_password"  # noqa: S105 (a file name)
AUDIT_SOURCE = {"source": "load_demo"}

M = TypeVar("M", bound=models.Model)


class DemoRefusedError(RuntimeError):
    """The demo must not be loaded here (production mode)."""


class DemoDataError(RuntimeError):
    """The demo data refers to something the database does not have."""


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


class DemoLogin(NamedTuple):
    label: str
    email: str


@dataclass(frozen=True)
class DemoResult:
    logins: list[DemoLogin]
    password: str
    #: Rows created by this run, per kind (``users``, ``organizations``, …).
    created: dict[str, int]
    #: Rows the demo data describes, per kind.
    totals: dict[str, int]

    @property
    def changed(self) -> bool:
        return any(self.created.values())


def demo_password() -> str:
    """The shared demo password: from the environment, else from (or into) the data dir."""
    from_env = env_str(DEMO_PASSWORD_ENV)
    if from_env:
        return from_env
    path = Path(settings.DATA_DIR) / DEMO_PASSWORD_FILE
    if path.exists():
        stored = path.read_text(encoding="utf-8").strip()
        if stored:
            return stored
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    path.chmod(0o600)  # the mode given to os.open is ignored when an empty file was there
    return password


@dataclass
class _Run:
    password: str
    now: datetime
    municipalities: dict[str, Municipality]
    users: dict[str, User] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    created: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)

    @property
    def secretariat(self) -> User:
        return self.users[data.SECRETARIAT_KEY]

    def municipality(self, code: str | None) -> Municipality | None:
        if code is None:
            return None
        try:
            return self.municipalities[code]
        except KeyError:
            raise DemoDataError(
                f"Municipality {code} is not in the database; run `kyoso migrate` first."
            ) from None


def _check_fields(row: models.Model) -> None:
    """Catch mistakes in the demo data (lengths, choices, formats) before they are saved.

    Relations, uniqueness and constraints are left to the database: checking them here would
    cost a query each.
    """
    relations = [f.name for f in row._meta.concrete_fields if f.is_relation]
    row.clean_fields(exclude=relations)


def _get_or_create(
    run: _Run, kind: str, model: type[M], lookup: dict[str, Any], defaults: dict[str, Any]
) -> tuple[M, bool]:
    """Find a row by its natural key or create it, validated; never update an existing row."""
    run.totals[kind] += 1
    row = model._default_manager.filter(**lookup).first()
    if row is not None:
        return row, False
    row = model(**lookup, **defaults)
    _check_fields(row)
    row.save()
    run.created[kind] += 1
    return row, True


def _load_people(run: _Run) -> None:
    for person in data.PEOPLE:
        user = User.objects.filter(email=person["email"]).first()
        run.totals["users"] += 1
        if user is None:
            user = User(
                email=person["email"],
                display_name=person["display_name"],
                family_name=person["family_name"],
                given_name=person["given_name"],
                family_name_kana=person["family_name_kana"],
                given_name_kana=person["given_name_kana"],
                is_staff=person["is_staff"],
                email_verified_at=run.now,
                password=make_password(run.password),
            )
            _check_fields(user)
            user.save()
            run.created["users"] += 1
        elif not check_password(run.password, user.password):
            # No setter: checking must not rewrite the hash as a side effect.
            user.password = make_password(run.password)
            user.save(update_fields=["password"])
            run.created["passwords_reset"] += 1
        run.users[person["key"]] = user

        profile = dict(person["profile"])
        profile["municipality"] = run.municipality(profile["municipality"])
        _get_or_create(run, "profiles", Profile, {"user": user}, profile)


def _load_organizations(run: _Run) -> None:
    for entry in data.ORGANIZATIONS:
        defaults: dict[str, Any] = {
            "name": entry["name"],
            "name_kana": entry["name_kana"],
            "org_type": entry["org_type"],
            "description": entry["description"],
            "website": entry.get("website", ""),
            "contact_email": entry.get("contact_email", ""),
            "municipality": run.municipality(entry["municipality"]),
            "created_by": run.secretariat,
        }
        if entry["verified"]:
            defaults.update(verified_at=run.now, verified_by=run.secretariat)
        org, created = _get_or_create(
            run, "organizations", Organization, {"slug": entry["slug"]}, defaults
        )
        if created and entry["verified"]:
            audit_record(
                actor=None, action=AuditEvent.Action.ORG_VERIFIED, target=org, data=AUDIT_SOURCE
            )
        run.organizations[entry["slug"]] = org


def _load_memberships(run: _Run) -> None:
    for slug, key, role in data.MEMBERSHIPS:
        _get_or_create(
            run,
            "memberships",
            Membership,
            {"organization": run.organizations[slug], "user": run.users[key]},
            {"role": role},
        )


def _grant(run: _Run, role: str, holder: dict[str, Any]) -> None:
    # Nobody granted the secretariat its own roles; the loader did.
    grantor = None if holder.get("user") == run.secretariat else run.secretariat
    assignment, created = _get_or_create(
        run, "roles", RoleAssignment, {"role": role, **holder}, {"granted_by": grantor}
    )
    if created:
        audit_record(
            actor=None,
            action=AuditEvent.Action.ROLE_GRANTED,
            target=assignment.user or assignment.organization,
            data={"role": role, **AUDIT_SOURCE},
        )


def _load_roles(run: _Run) -> None:
    for key, role in data.PERSON_ROLES:
        _grant(run, role, {"user": run.users[key]})
    for slug, role in data.ORGANIZATION_ROLES:
        _grant(run, role, {"organization": run.organizations[slug]})


def _load_site_pages(run: _Run) -> None:
    for page in data.site_pages():
        fields = dict(page)
        _get_or_create(run, "site_pages", SitePage, {"slug": fields.pop("slug")}, fields)


# --- Issues (Social Lab) ---------------------------------------------------------------------
#
# Demo issues are created through the issues services, exactly as people clicking through the
# site would: posting, empathy, follows, offers, comments, stage changes with reasons, merges.
# That keeps the search index, the counters, the follows and the history right. Afterwards the
# timestamps are moved back in time (``DemoIssue.days_ago``), so the lists, timelines and
# "recent activity" look like a platform that has been running for a while; only timestamps
# are touched directly. An issue whose title exists is skipped with everything it carries.


def _demo_moment(run: _Run, entry: DemoIssue, fraction: float) -> datetime:
    """A moment ``fraction`` (0–1) of the way from the issue's posting to a day before now."""
    posted = run.now - timedelta(days=entry.days_ago, hours=(len(entry.title) * 7) % 11)
    span = max(run.now - timedelta(days=1) - posted, timedelta(hours=1))
    return posted + span * fraction


def _load_issues(run: _Run) -> None:
    created: list[tuple[DemoIssue, Issue]] = []
    codes = {entry.municipality for entry in ISSUES if entry.municipality}
    run.municipalities.update(Municipality.objects.in_bulk(codes - run.municipalities.keys()))
    existing = set(
        Issue.objects.filter(title__in=[entry.title for entry in ISSUES]).values_list(
            "title", flat=True
        )
    )
    for entry in ISSUES:
        run.totals["issues"] += 1
        if entry.title in existing:
            continue
        created.append((entry, _post_issue(run, entry)))
        run.created["issues"] += 1
    # Merges last: the target of a merge may come later in the list.
    by_title = {issue.title: issue for _entry, issue in created}
    for entry, issue in created:
        if entry.merged_into:
            target = by_title.get(entry.merged_into) or Issue.objects.get(title=entry.merged_into)
            _merge_issue(run, entry, issue, target)


def _post_issue(run: _Run, entry: DemoIssue) -> Issue:
    from kyoso.issues.services import comments, engagement, moderation, posting, stages

    users, actor = run.users, run.users[entry.author]
    notified_before = last_notification_id()
    latitude, longitude = (
        (Decimal(str(entry.point[0])), Decimal(str(entry.point[1])))
        if entry.point
        else (None, None)
    )
    issue = posting.issue_create(
        actor=actor,
        data={
            "title": entry.title,
            "body": entry.body,
            "themes": list(entry.themes),
            "sdgs": list(entry.sdgs),
            "targets": list(entry.targets),
            "walls": list(entry.walls),
            "municipality": run.municipality(entry.municipality),
            "latitude": latitude,
            "longitude": longitude,
            "organization": run.organizations[entry.organization] if entry.organization else None,
            "name_hidden": entry.name_hidden,
        },
    )
    if issue.awaiting_review:  # KYOSO_REVIEW_FIRST_POST is on: the secretariat approved it
        issue = moderation.issue_approve(actor=run.secretariat, issue=issue)
    posted = _demo_moment(run, entry, 0)
    # Backdate at once: the posting limit counts an account's issues of the last hour.
    Issue.objects.filter(pk=issue.pk).update(created_at=posted)
    last = posted

    # Conversation in the first half of the issue's life, stage changes spread over all of it.
    events = len(entry.comments) + sum(len(c.replies) for c in entry.comments)
    step = 0
    for comment in entry.comments:
        step += 1
        parent = comments.comment_create(
            actor=users[comment.author], issue=issue, body=comment.body
        )
        last = _demo_moment(run, entry, 0.5 * step / (events + 1))
        Comment.objects.filter(pk=parent.pk).update(created_at=last)
        for author, body in comment.replies:
            step += 1
            reply = comments.comment_create(
                actor=users[author], issue=issue, body=body, parent=parent
            )
            last = _demo_moment(run, entry, 0.5 * step / (events + 1))
            Comment.objects.filter(pk=reply.pk).update(created_at=last)
    for key in entry.empathy:
        engagement.empathy_toggle(actor=users[key], issue=issue, on=True)
    for key in entry.follows:
        engagement.follow_toggle(actor=users[key], issue=issue, on=True)
    for number, offer in enumerate(entry.offers, start=1):
        row = engagement.offer_create(
            actor=users[offer.user], issue=issue, kinds=offer.kinds, message=offer.message
        )
        moment = _demo_moment(run, entry, 0.3 + 0.4 * number / (len(entry.offers) + 1))
        HelpOffer.objects.filter(pk=row.pk).update(created_at=moment)
        last = max(last, moment)
    for number, move in enumerate(entry.moves, start=1):
        change = stages.issue_change_stage(
            actor=users[move.actor], issue=issue, to_stage=move.to, reason=move.reason
        )
        last = _demo_moment(run, entry, number / (len(entry.moves) + 0.5))
        StageChange.objects.filter(pk=change.pk).update(at=last)
    Issue.objects.filter(pk=issue.pk).update(updated_at=last, last_activity_at=last)
    # What the history told its followers is as old as the history (and mostly read).
    date_notifications(after_id=notified_before, moment=last, now=run.now)
    return issue


def _merge_issue(run: _Run, entry: DemoIssue, duplicate: Issue, target: Issue) -> None:
    from kyoso.issues.services import merge

    duplicate.refresh_from_db()
    target.refresh_from_db()
    notified_before = last_notification_id()
    merge.issue_merge(
        actor=run.secretariat,
        duplicate=duplicate,
        target=target,
        reason=f"「{target.title}」と同じ内容のため、こちらにまとめました。",
    )
    moment = _demo_moment(run, entry, 0.6)
    date_notifications(after_id=notified_before, moment=moment, now=run.now)
    StageChange.objects.filter(issue_id=duplicate.pk, to_stage=Stage.MERGED).update(at=moment)
    Issue.objects.filter(pk=duplicate.pk).update(updated_at=moment, last_activity_at=moment)
    # The merge touched the target's activity too; put back the later of its own and the merge.
    Issue.objects.filter(pk=target.pk).update(last_activity_at=max(target.last_activity_at, moment))


def _load_events(run: _Run) -> None:
    """The FY2021 sessions of seed 000, through the same import as a secretariat's upload
    (idempotent: the import skips events it already has)."""
    from kyoso.demo.data.events import FY2021_CSV, ORGANIZER_SLUG
    from kyoso.events.services.importing import events_import

    result = events_import(
        actor=run.secretariat,
        data=FY2021_CSV.read_bytes(),
        source=f"demo/{FY2021_CSV.name}",
        organization=run.organizations[ORGANIZER_SLUG],
    )
    run.totals["events"] += len(result.created) + result.skipped
    run.created["events"] += len(result.created)


#: The steps, in dependency order. Append new kinds here.
STEPS: list[Callable[[_Run], None]] = [
    _load_people,
    _load_organizations,
    _load_memberships,
    _load_roles,
    _load_site_pages,
    _load_issues,
    load_conversations,  # kyoso/demo/conversations.py
    load_communities,  # kyoso/demo/communities.py
    load_board,  # kyoso/demo/board.py (recent posts)
    _load_events,
    load_upcoming_events,  # kyoso/demo/upcoming.py
    load_missions,  # kyoso/demo/missions.py
    load_projects,  # kyoso/demo/projects.py (and the projects' missions)
    load_network,  # kyoso/demo/network.py (advisors, advice requests, introductions)
    load_hubs,  # kyoso/demo/hubs.py (spaces and a month of bookings)
    load_concierge,  # kyoso/demo/concierge.py (after the hubs' step; skips absent hubs)
    load_challenges,  # kyoso/demo/challenges.py (both directions, with Q&A and proposals)
    load_archive,  # kyoso/demo/archive.py (tips against the 14 walls, reports, case studies)
    load_kpis,  # kyoso/demo/kpi.py (seed 001's KPIs, a well-being survey; after the events)
    load_funding,  # kyoso/demo/funding.py (seed 001's local fund: donations, a screened round)
    load_campaigns,  # kyoso/demo/campaigns.py (one succeeded, one open that will fail)
    load_evaluation,  # kyoso/demo/evaluation.py (FY2021's report; after the KPIs and the fund)
    load_matching,  # kyoso/demo/matching.py (last: what the people did is loaded)
]


def _codes_used() -> set[str]:
    codes = {entry["municipality"] for entry in data.ORGANIZATIONS}
    codes |= {person["profile"]["municipality"] for person in data.PEOPLE}
    codes |= {code for entry in PROJECTS for code in entry["municipalities"]}
    return {code for code in codes if code is not None}


@contextmanager
def _mail_held_back() -> Iterator[None]:
    """Drop the mail the services send while the demo is loaded (until after the commit).

    The demo's comments, stage changes and offers are history, not news: the in-site
    notifications stay, but nobody is mailed about them, and the mail tasks run quietly.
    """
    from django.test.utils import override_settings

    task_log = logging.getLogger("django_tasks")
    level = task_log.level
    task_log.setLevel(logging.WARNING)
    try:
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            yield
    finally:
        task_log.setLevel(level)


def _refresh_home() -> None:
    """Have the home page render every block again, once the load has committed: the demo
    writes some rows directly (and backdates others), not only through the services that bump
    the home's versions."""
    from kyoso.core.home import home_blocks, touch

    for name in sorted({name for block in home_blocks() for name in block.depends_on}):
        touch(name)


def demo_load(*, stdout: Writable | None = None) -> DemoResult:
    """Load the demo region; return the logins and the shared password to print."""
    if settings.PRODUCTION:
        raise DemoRefusedError(str(messages.REFUSED_IN_PRODUCTION))
    password = demo_password()
    with _mail_held_back(), transaction.atomic():
        run = _Run(
            password=password,
            now=timezone.now(),
            municipalities=Municipality.objects.in_bulk(_codes_used()),
        )
        for step in STEPS:
            step(run)
    _refresh_home()
    result = DemoResult(
        logins=[DemoLogin(person["label"], person["email"]) for person in data.PEOPLE],
        password=password,
        created=dict(run.created),
        totals=dict(run.totals),
    )
    if stdout is not None:
        _report(result, stdout)
    return result


def _report(result: DemoResult, stdout: Writable) -> None:
    for kind, total in result.totals.items():
        line = messages.SUMMARY_LINE % {
            "label": messages.KIND_LABELS.get(kind, kind),
            "created": result.created.get(kind, 0),
            "total": total,
        }
        stdout.write(line + "\n")
    reset = result.created.get("passwords_reset", 0)
    if reset:
        label = messages.KIND_LABELS["passwords_reset"]
        stdout.write(f"{label}: {reset}\n")
    stdout.write(f"{messages.LOADED if result.changed else messages.UNCHANGED}\n")
