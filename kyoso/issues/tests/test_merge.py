"""Merging a duplicate issue: empathy and followers carried over once, counters recomputed,
history, search, notices, and every refusal."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.issues.models import Empathy, Follow, Issue, Stage, StageChange
from kyoso.issues.services import merge
from kyoso.issues.services.posting import IssueError
from kyoso.notifications.models import Notification
from kyoso.search.services import index_object, matching_ids

REASON = "同じ空き家の問題を扱っているため"


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


def make_issue(author, title, *, empathizers=(), followers=(), **fields):
    issue = Issue.objects.create(title=title, body="本文", author=author, **fields)
    Empathy.objects.bulk_create([Empathy(issue=issue, user=u) for u in empathizers])
    Follow.objects.bulk_create([Follow(issue=issue, user=u) for u in followers])
    Issue.objects.filter(pk=issue.pk).update(
        empathy_count=len(empathizers), follower_count=len(followers)
    )
    issue.refresh_from_db()
    return issue


def test_empathy_and_followers_are_carried_over_once(
    author, sato, suzuki, takahashi, django_capture_on_commit_callbacks
):
    only_dup, only_target = UserFactory(), UserFactory()
    both = [suzuki, takahashi]  # empathized and follow both issues
    duplicate = make_issue(
        author,
        "空き家が増えている",
        empathizers=[*both, only_dup],
        followers=[author, *both, only_dup],
    )
    target = make_issue(
        UserFactory(),
        "空き家の活用",
        empathizers=[*both, only_target],
        followers=[*both, only_target],
    )
    with django_capture_on_commit_callbacks(execute=True):
        moved = merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=REASON)

    assert moved == {"empathy": 1, "followers": 2}
    target.refresh_from_db()
    duplicate.refresh_from_db()
    assert set(Empathy.objects.filter(issue=target).values_list("user_id", flat=True)) == {
        suzuki.pk,
        takahashi.pk,
        only_dup.pk,
        only_target.pk,
    }
    assert (target.empathy_count, target.follower_count) == (4, 5)
    assert set(Follow.objects.filter(issue=target).values_list("user_id", flat=True)) == {
        author.pk,
        suzuki.pk,
        takahashi.pk,
        only_dup.pk,
        only_target.pk,
    }
    assert (duplicate.empathy_count, duplicate.follower_count) == (0, 0)
    assert not Empathy.objects.filter(issue=duplicate).exists()
    assert not Follow.objects.filter(issue=duplicate).exists()
    assert (duplicate.stage, duplicate.merged_into) == (Stage.MERGED, target)


def test_history_audit_and_notices(author, sato, suzuki, takahashi):
    duplicate = make_issue(author, "重複", followers=[author, suzuki])
    target = make_issue(UserFactory(), "統合先", followers=[takahashi, sato])
    Issue.objects.filter(pk=duplicate.pk).update(stage=Stage.SURFACED)
    duplicate.refresh_from_db()
    merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=REASON)

    change = StageChange.objects.get(issue=duplicate)
    assert (change.from_stage, change.to_stage, change.actor, change.reason) == (
        Stage.SURFACED,
        Stage.MERGED,
        sato,
        REASON,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.target_id) == (AuditEvent.Action.STAFF_EDIT, str(duplicate.pk))
    assert event.data["operation"] == "issue.merge"
    assert event.data["into"] == target.pk
    # followers of both and the duplicate's poster, never the one who merged
    notified = set(Notification.objects.values_list("recipient_id", flat=True))
    assert notified == {author.pk, suzuki.pk, takahashi.pk}
    note = Notification.objects.filter(recipient=suzuki).get()
    assert note.kind == "issues.merged"
    assert note.url == f"/issues/{target.pk}/"
    assert "重複" in note.text and "統合先" in note.text


def test_search_follows_the_merge(author, sato, django_capture_on_commit_callbacks):
    duplicate = make_issue(author, "ごみ集積所のカラス被害")
    target = make_issue(author, "ごみ集積所の管理")
    index_object(duplicate)
    index_object(target)
    assert set(matching_ids("ごみ集積所", type="issues")) == {duplicate.pk, target.pk}
    with django_capture_on_commit_callbacks(execute=True):
        merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=REASON)
    assert matching_ids("ごみ集積所", type="issues") == [target.pk]


def test_merging_into_itself_is_refused(author, sato):
    issue = make_issue(author, "課題")
    with pytest.raises(IssueError) as refused:
        merge.issue_merge(actor=sato, duplicate=issue, target=issue, reason=REASON)
    assert refused.value.message == str(merge.MERGE_INTO_ITSELF)


def test_merging_an_already_merged_issue_is_refused(author, sato):
    duplicate, first, second = (make_issue(author, t) for t in ("重複", "一つ目", "二つ目"))
    merge.issue_merge(actor=sato, duplicate=duplicate, target=first, reason=REASON)
    with pytest.raises(IssueError) as refused:
        merge.issue_merge(actor=sato, duplicate=duplicate, target=second, reason=REASON)
    assert refused.value.message == str(merge.MERGE_ALREADY_MERGED % {"target": "一つ目"})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == first


def test_merging_into_a_merged_issue_is_refused(author, sato):
    """A → B when B was merged into C would make a chain: pick C instead."""
    a, b, c = (make_issue(author, t) for t in ("A", "B", "C"))
    merge.issue_merge(actor=sato, duplicate=b, target=c, reason=REASON)
    with pytest.raises(IssueError) as refused:
        merge.issue_merge(actor=sato, duplicate=a, target=b, reason=REASON)
    assert refused.value.message == str(merge.MERGE_TARGET_MERGED % {"target": "B", "final": "C"})


def test_merging_an_issue_others_were_merged_into_is_refused(author, sato):
    """B → C when A was merged into B would make a chain A → B → C."""
    a, b, c = (make_issue(author, t) for t in ("A", "B", "C"))
    merge.issue_merge(actor=sato, duplicate=a, target=b, reason=REASON)
    with pytest.raises(IssueError) as refused:
        merge.issue_merge(actor=sato, duplicate=b, target=c, reason=REASON)
    assert refused.value.message == str(merge.MERGE_HAS_MERGED_ISSUES)


@pytest.mark.parametrize(
    "fields", [{"hidden_at": timezone.now(), "hidden_reason": "x"}, {"awaiting_review": True}]
)
def test_merging_into_a_hidden_or_unreviewed_issue_is_refused(author, sato, fields):
    duplicate, target = make_issue(author, "重複"), make_issue(author, "統合先", **fields)
    with pytest.raises(IssueError) as refused:
        merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=REASON)
    assert refused.value.message == str(merge.MERGE_TARGET_NOT_PUBLIC)


@pytest.mark.parametrize("reason", ["", "   ", "あ" * 2001])
def test_a_reason_is_needed(author, sato, reason):
    duplicate, target = make_issue(author, "重複"), make_issue(author, "統合先")
    with pytest.raises(IssueError):
        merge.issue_merge(actor=sato, duplicate=duplicate, target=target, reason=reason)
    duplicate.refresh_from_db()
    assert duplicate.stage == Stage.SEED


@pytest.mark.parametrize("persona", ["takahashi", "suzuki", "author"])
def test_only_the_secretariat_merges(request, author, persona):
    from django.core.exceptions import PermissionDenied

    actor = request.getfixturevalue(persona)
    duplicate, target = make_issue(author, "重複"), make_issue(author, "統合先")
    with pytest.raises(PermissionDenied):
        merge.issue_merge(actor=actor, duplicate=duplicate, target=target, reason=REASON)


def test_the_model_refuses_a_merged_stage_without_a_target(author):
    issue = make_issue(author, "課題")
    with pytest.raises(IntegrityError), transaction.atomic():
        Issue.objects.filter(pk=issue.pk).update(stage=Stage.MERGED)


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("42", 42),
        (" #42 ", 42),
        ("＃４２", 42),
        ("http://127.0.0.1:8000/issues/42/", 42),
        ("/issues/42", 42),
        ("https://kyoso.example.jp/issues/42/?tab=comments", 42),
    ],
)
def test_parse_target(typed, number):
    assert merge.parse_target(typed) == number


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", merge.MERGE_TARGET_REQUIRED),
        ("abc", merge.MERGE_TARGET_NOT_FOUND),
        ("0", merge.MERGE_TARGET_NOT_FOUND),
        ("9" * 30, merge.MERGE_TARGET_NOT_FOUND),
        ("'; DROP TABLE issues_issue; --", merge.MERGE_TARGET_NOT_FOUND),
        ("/orgs/42/", merge.MERGE_TARGET_NOT_FOUND),
    ],
)
def test_parse_target_refuses_with_a_message(typed, message):
    with pytest.raises(IssueError) as refused:
        merge.parse_target(typed)
    assert refused.value.message == message
