"""Merging a duplicate issue into another (the secretariat only).

The duplicate moves to the stage "merged" and points at the target (the model's constraint
``issue_merged_iff_target`` holds both together), with a row in its stage history. Its 共感
and followers are carried over to the target: inserted with ``ignore_conflicts``, so someone
who empathized with (or followed) both counts once, and then removed from the duplicate. Both
issues' counters are then recomputed from ``COUNT(*)`` in one ``UPDATE`` each, never added to,
so they equal the rows whatever ran at the same time. The target is reindexed and the
duplicate leaves the search index after commit; the followers of both and the duplicate's
poster are told.

Refused with a message: merging an issue into itself, merging an issue that is already merged,
merging into an issue that is itself merged (a chain), merging an issue that others were
merged into (that would make a chain too), and merging into an issue that is hidden or still
awaiting review.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.issues.models import Empathy, Follow, Issue, Stage, StageChange
from kyoso.issues.services.moderation import issue_url, unindex_on_commit
from kyoso.issues.services.posting import IssueError, reindex_on_commit, require
from kyoso.notifications.services import notify

MERGE = "issues.merge_issue"
REASON_MAX = 2000

MERGED = _(
    "「%(duplicate)s」を「%(target)s」に統合しました。共感%(empathy)s件とフォロワー%(followers)s人を引き継ぎました。"
)
MERGE_TARGET_REQUIRED = _("統合先の課題の番号（またはURL）を入力してください。")
MERGE_TARGET_NOT_FOUND = _("その番号の課題は見つかりません。統合先の課題の番号を確かめてください。")
MERGE_INTO_ITSELF = _(
    "課題をそれ自身に統合することはできません。別の課題を統合先に選んでください。"
)
MERGE_ALREADY_MERGED = _("この課題は既に「%(target)s」に統合されています。")
MERGE_TARGET_MERGED = _(
    "統合先の「%(target)s」は既に「%(final)s」に統合されています。"
    "統合を重ねることはできないので、「%(final)s」を統合先に選んでください。"
)
MERGE_HAS_MERGED_ISSUES = _(
    "この課題には、ほかの課題が統合されています。統合を重ねることはできないので、"
    "この課題を統合先として使ってください。"
)
MERGE_TARGET_NOT_PUBLIC = _(
    "統合先の課題は非表示か公開前の確認待ちです。公開されている課題を統合先に選んでください。"
)
MERGE_REASON_REQUIRED = _("統合する理由を入力してください（段階の履歴に残ります）。")
MERGE_REASON_TOO_LONG = _("理由は%(limit)s文字以内で入力してください（いま%(length)s文字です）。")

_NOTE_MERGED = _("課題「%(duplicate)s」は「%(target)s」に統合されました。")

_ISSUE_URL = re.compile(r"/issues/(\d+)/?(?:[?#].*)?$")


def parse_target(value: str) -> int:
    """The issue number typed or pasted: ``42``, ``＃４２`` or the issue's URL."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not text:
        raise IssueError(MERGE_TARGET_REQUIRED)
    text = text.removeprefix("#")
    if text.isascii() and text.isdigit():
        number = int(text)
    else:
        match = _ISSUE_URL.search(text)
        if not match:
            raise IssueError(MERGE_TARGET_NOT_FOUND)
        number = int(match.group(1))
    if not 0 < number < 2**63:
        raise IssueError(MERGE_TARGET_NOT_FOUND)
    return number


def merge_refusal(duplicate: Issue, target: Issue) -> str | None:
    """Why ``duplicate`` cannot be merged into ``target`` (a message), or None."""
    if duplicate.pk == target.pk:
        return str(MERGE_INTO_ITSELF)
    if duplicate.stage == Stage.MERGED:
        final = duplicate.merged_into.title if duplicate.merged_into else ""
        return str(MERGE_ALREADY_MERGED % {"target": final})
    if target.stage == Stage.MERGED:
        final = target.merged_into.title if target.merged_into else ""
        return str(MERGE_TARGET_MERGED % {"target": target.title, "final": final})
    if Issue.objects.filter(merged_into_id=duplicate.pk).exists():
        return str(MERGE_HAS_MERGED_ISSUES)
    if target.is_hidden or target.awaiting_review:
        return str(MERGE_TARGET_NOT_PUBLIC)
    return None


def clean_merge_reason(reason: str) -> str:
    text = (reason or "").strip()
    if not text:
        raise IssueError(MERGE_REASON_REQUIRED)
    if len(text) > REASON_MAX:
        raise IssueError(MERGE_REASON_TOO_LONG % {"limit": REASON_MAX, "length": len(text)})
    return text


def _count(model: type, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(issue_id=OuterRef("pk"), **filters)  # type: ignore[attr-defined]
        .order_by()
        .values("issue_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def recount(issue_id: int) -> None:
    """Set the issue's empathy and follower counters to the number of rows."""
    Issue.objects.filter(pk=issue_id).update(
        empathy_count=_count(Empathy), follower_count=_count(Follow)
    )


def _carry_over(model: type, *, duplicate: Issue, target: Issue) -> tuple[int, list[int]]:
    """Copy the duplicate's rows (one per person) to the target, then remove them.

    Returns how many people the target gained and everyone who had a row on the duplicate.
    """
    people = list(
        model.objects.filter(issue_id=duplicate.pk)  # type: ignore[attr-defined]
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    already = set(
        model.objects.filter(issue_id=target.pk, user_id__in=people).values_list(  # type: ignore[attr-defined]
            "user_id", flat=True
        )
    )
    model.objects.bulk_create(  # type: ignore[attr-defined]
        [model(issue_id=target.pk, user_id=person) for person in people if person not in already],
        ignore_conflicts=True,
    )
    model.objects.filter(issue_id=duplicate.pk).delete()  # type: ignore[attr-defined]
    return len(set(people) - already), people


def issue_merge(
    *,
    actor: Any,
    duplicate: Issue,
    target: Issue,
    reason: str,
    request: HttpRequest | None = None,
) -> dict[str, int]:
    """Merge ``duplicate`` into ``target``; return how much was carried over.

    Both rows are locked (in id order, so two merges never wait on each other in a circle) and
    read again before anything is checked, so what was checked is what is merged.
    """
    require(MERGE, actor, duplicate)
    text = clean_merge_reason(reason)
    with transaction.atomic():
        locked = {
            issue.pk: issue
            for issue in Issue.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, target.pk])
            .order_by("pk")
        }
        duplicate = locked.get(duplicate.pk, duplicate)
        target = locked.get(target.pk, target)
        if duplicate.merged_into_id or target.merged_into_id:
            for issue in (duplicate, target):
                if issue.merged_into_id:
                    issue.merged_into = Issue.objects.get(pk=issue.merged_into_id)
        refusal = merge_refusal(duplicate, target)
        if refusal:
            raise IssueError(refusal)
        from_stage = duplicate.stage
        changed = (
            Issue.objects.filter(pk=duplicate.pk, merged_into__isnull=True)
            .exclude(stage=Stage.MERGED)
            .update(stage=Stage.MERGED, merged_into=target, last_activity_at=timezone.now())
        )
        if not changed:  # pragma: no cover - the row lock makes this unreachable
            raise IssueError(MERGE_ALREADY_MERGED % {"target": target.title})
        StageChange.objects.create(
            issue=duplicate, from_stage=from_stage, to_stage=Stage.MERGED, actor=actor, reason=text
        )
        target_followers = list(
            Follow.objects.filter(issue_id=target.pk).values_list("user_id", flat=True)
        )
        empathy_gained, _ = _carry_over(Empathy, duplicate=duplicate, target=target)
        followers_gained, duplicate_followers = _carry_over(
            Follow, duplicate=duplicate, target=target
        )
        recount(duplicate.pk)
        recount(target.pk)
        Issue.objects.filter(pk=target.pk).update(last_activity_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditEvent.Action.STAFF_EDIT,
            target=duplicate,
            data={
                "operation": "issue.merge",
                "into": target.pk,
                "reason": text,
                "empathy_carried_over": empathy_gained,
                "followers_carried_over": followers_gained,
            },
            request=request,
        )
        reindex_on_commit(target.pk)
        unindex_on_commit(duplicate)
        notify(
            recipients={duplicate.author_id, *duplicate_followers, *target_followers},
            kind="issues.merged",
            actor=actor,
            target=target,
            text=str(_NOTE_MERGED % {"duplicate": duplicate.title, "target": target.title}),
            url=issue_url(target),
        )
    duplicate.stage, duplicate.merged_into = Stage.MERGED, target
    return {"empathy": empathy_gained, "followers": followers_gained}
