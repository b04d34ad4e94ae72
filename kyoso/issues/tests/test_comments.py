"""Comments: one level of replies, an edit window (frozen clock), tombstones, locked issues,
notifications to followers."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest.mock import patch

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.issues import messages
from kyoso.issues.models import Comment, Follow, Issue
from kyoso.issues.services import comments, engagement
from kyoso.issues.services.posting import IssueError
from kyoso.issues.tests.factories import IssueFactory


@pytest.fixture
def issue(poster):
    return IssueFactory(author=poster, title="バス路線の廃止で通院できない")


def _post(client, issue, body, parent=None):
    data = {"body": body}
    if parent is not None:
        data["parent"] = str(parent.pk)
    return client.post(reverse("issues:comment_create", args=[issue.pk]), data)


def test_comment_and_reply_appear_in_one_thread(client, suzuki, takahashi, issue):
    client.force_login(suzuki)
    response = _post(client, issue, "同じ地区です。**デマンド交通**の話があります。")
    top = Comment.objects.get()
    assert response["Location"].endswith(f"?comment={top.pk}#comment-{top.pk}")
    client.force_login(takahashi)
    _post(client, issue, "詳しく教えてください。", parent=top)

    reply = Comment.objects.exclude(pk=top.pk).get()
    assert reply.parent == top
    assert Issue.objects.get(pk=issue.pk).comment_count == 2
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert "<strong>デマンド交通</strong>" in page
    assert page.index(f'id="comment-{top.pk}"') < page.index(f'id="comment-{reply.pk}"')
    replies = re.search(r'<ol class="comments" aria-label="返信">.*?</ol>', page, re.S).group(0)
    assert "詳しく教えてください。" in replies


def test_a_reply_to_a_reply_is_refused(client, suzuki, takahashi, issue):
    top = comments.comment_create(actor=suzuki, issue=issue, body="一段目")
    reply = comments.comment_create(actor=takahashi, issue=issue, body="二段目", parent=top)
    client.force_login(suzuki)

    response = _post(client, issue, "三段目", parent=reply)

    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.REPLY_TOO_DEEP) in page
    assert "三段目" in page
    assert Comment.objects.count() == 2
    with pytest.raises(IssueError) as refused:
        comments.comment_create(actor=suzuki, issue=issue, body="三段目", parent=reply)
    assert refused.value.message == messages.REPLY_TOO_DEEP


def test_an_empty_reply_keeps_the_reply_box_open_with_the_message(client, suzuki, issue):
    top = comments.comment_create(actor=suzuki, issue=issue, body="一段目")
    client.force_login(suzuki)

    response = _post(client, issue, "   ", parent=top)

    assert response.status_code == 400
    page = response.content.decode()
    assert str(messages.COMMENT_REQUIRED) in page
    assert "<details open>" in page


def test_the_author_edits_within_fifteen_minutes(client, suzuki, issue):
    comment = comments.comment_create(actor=suzuki, issue=issue, body="誤字があります")
    client.force_login(suzuki)
    url = reverse("issues:comment_edit", args=[issue.pk, comment.pk])

    with patch(
        "django.utils.timezone.now", return_value=comment.created_at + timedelta(minutes=14)
    ):
        shown = client.get(url)
        saved = client.post(url, {"body": "誤字を直しました"})

    assert shown.status_code == 200
    assert saved.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "誤字を直しました"
    assert comment.edited_at is not None
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert "（編集済み）" in page


def test_after_fifteen_minutes_the_author_is_told_the_window_is_over(client, suzuki, issue):
    comment = comments.comment_create(actor=suzuki, issue=issue, body="元の文")
    client.force_login(suzuki)
    url = reverse("issues:comment_edit", args=[issue.pk, comment.pk])
    later = comment.created_at + timedelta(minutes=15, seconds=1)

    with patch("django.utils.timezone.now", return_value=later):
        posted = client.post(url, {"body": "書き換え"}, follow=True)
        with pytest.raises(IssueError) as refused:
            comments.comment_edit(actor=suzuki, comment=comment, body="書き換え")

    assert str(messages.EDIT_WINDOW_OVER % {"minutes": 15}) in posted.content.decode()
    assert refused.value.message == messages.EDIT_WINDOW_OVER % {"minutes": 15}
    comment.refresh_from_db()
    assert comment.body == "元の文"


def test_nobody_else_edits_a_comment(client, suzuki, takahashi, sato, issue):
    comment = comments.comment_create(actor=suzuki, issue=issue, body="鈴木の文")
    for other in (takahashi, sato):
        client.force_login(other)
        response = client.post(
            reverse("issues:comment_edit", args=[issue.pk, comment.pk]), {"body": "改ざん"}
        )
        assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.body == "鈴木の文"


def test_deleting_leaves_a_tombstone_and_keeps_the_replies(client, suzuki, takahashi, issue):
    top = comments.comment_create(actor=suzuki, issue=issue, body="消す予定の文")
    comments.comment_create(actor=takahashi, issue=issue, body="返信は残る", parent=top)
    client.force_login(suzuki)

    response = client.post(reverse("issues:comment_delete", args=[issue.pk, top.pk]))

    assert response.status_code == 302
    top.refresh_from_db()
    assert top.deleted_at is not None
    assert top.body == ""
    assert Issue.objects.get(pk=issue.pk).comment_count == 1
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert str(messages.COMMENT_TOMBSTONE) in page
    assert "消す予定の文" not in page
    assert "返信は残る" in page
    again = client.post(reverse("issues:comment_delete", args=[issue.pk, top.pk]))
    assert again.status_code == 403  # already a tombstone


def test_the_secretariat_deletes_someone_elses_comment_with_an_audit_row(sato, suzuki, issue):
    comment = comments.comment_create(actor=suzuki, issue=issue, body="不適切な書き込み")

    comments.comment_delete(actor=sato, comment=comment)

    event = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert event.actor == sato
    assert event.data["comment"] == comment.pk


def test_others_cannot_delete(client, suzuki, takahashi, issue):
    comment = comments.comment_create(actor=suzuki, issue=issue, body="鈴木の文")
    client.force_login(takahashi)

    response = client.post(reverse("issues:comment_delete", args=[issue.pk, comment.pk]))

    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).deleted_at is None


def test_a_locked_issue_shows_a_notice_and_takes_no_comments(client, suzuki, issue):
    Issue.objects.filter(pk=issue.pk).update(comments_locked=True)
    client.force_login(suzuki)

    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    response = _post(client, issue, "書けるかな")

    assert str(messages.COMMENTS_LOCKED) in page
    assert 'id="comment-form"' not in page
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_commenting_follows_the_issue_and_notifies_the_other_followers(
    suzuki, takahashi, poster, issue
):
    from kyoso.notifications.models import Notification

    engagement.follow_toggle(actor=poster, issue=issue, on=True)
    before = Issue.objects.get(pk=issue.pk).last_activity_at

    comment = comments.comment_create(actor=suzuki, issue=issue, body="応援しています")

    assert Follow.objects.filter(issue=issue, user=suzuki).exists()
    updated = Issue.objects.get(pk=issue.pk)
    assert updated.follower_count == 2
    assert updated.last_activity_at > before
    note = Notification.objects.get()
    assert note.recipient == poster
    assert note.kind == "issues.comment"
    assert note.url.endswith(f"?comment={comment.pk}#comment-{comment.pk}")
    comments.comment_create(actor=takahashi, issue=issue, body="私も")
    assert set(Notification.objects.values_list("recipient__email", flat=True)) == {
        poster.email,
        suzuki.email,
    }


def test_comment_limit_per_account(suzuki, issue, settings):
    settings.KYOSO_COMMENT_LIMIT = 2
    comments.comment_create(actor=suzuki, issue=issue, body="一")
    comments.comment_create(actor=suzuki, issue=issue, body="二")

    with pytest.raises(IssueError) as refused:
        comments.comment_create(actor=suzuki, issue=issue, body="三")

    assert refused.value.message == messages.COMMENT_LIMIT_ACCOUNT
    assert Comment.objects.count() == 2


def test_deleted_authors_read_as_left_users(suzuki, issue, client):
    from kyoso.accounts.services.privacy import user_delete

    comments.comment_create(actor=suzuki, issue=issue, body="退会前のコメント")
    user_delete(actor=suzuki, user=suzuki)

    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()

    assert "退会前のコメント" in page
    assert "退会したユーザー" in page
    assert "鈴木" not in page
