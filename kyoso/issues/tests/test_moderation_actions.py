"""The secretariat's moderation actions: role × action × issue state, audit rows, notices."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.issues.models import Comment, Issue, Report
from kyoso.issues.services import moderation
from kyoso.notifications.models import Notification

HIDE_REASON = "個人の電話番号が書かれているため"


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


def make_issue(author, state="public"):
    fields = {}
    if state == "hidden":
        fields = {"hidden_at": timezone.now(), "hidden_reason": "前の理由"}
    elif state == "awaiting":
        fields = {"awaiting_review": True}
    return Issue.objects.create(title="空き家の活用", body="本文", author=author, **fields)


def shown(response):
    return [str(m) for m in response.context["messages"]]


def snapshot(issue):
    issue.refresh_from_db()
    return (issue.hidden_at, issue.hidden_reason, issue.comments_locked, issue.awaiting_review)


# (url name, POST data, what each state leads to for the secretariat)
ISSUE_ACTIONS = {
    "hide": (
        "issues:hide",
        {"reason": HIDE_REASON},
        {
            "public": moderation.ISSUE_HIDDEN,
            "hidden": moderation.ISSUE_ALREADY_HIDDEN,
            "awaiting": moderation.ISSUE_HIDDEN,
        },
    ),
    "unhide": (
        "issues:unhide",
        {},
        {
            "public": moderation.ISSUE_NOT_HIDDEN,
            "hidden": moderation.ISSUE_UNHIDDEN,
            "awaiting": moderation.ISSUE_NOT_HIDDEN,
        },
    ),
    "lock": (
        "issues:lock_comments",
        {"reason": "議論が荒れているため"},
        dict.fromkeys(("public", "hidden", "awaiting"), moderation.COMMENTS_LOCKED_DONE),
    ),
    "unlock": (
        "issues:unlock_comments",
        {},
        dict.fromkeys(("public", "hidden", "awaiting"), moderation.COMMENTS_NOT_LOCKED),
    ),
    "dismiss": (
        "issues:dismiss_reports",
        {},
        dict.fromkeys(("public", "hidden", "awaiting"), moderation.REPORTS_DISMISSED),
    ),
    "approve": (
        "issues:approve",
        {},
        {
            "public": moderation.NOT_AWAITING_REVIEW,
            "hidden": moderation.NOT_AWAITING_REVIEW,
            "awaiting": moderation.ISSUE_APPROVED,
        },
    ),
    "reject": (
        "issues:reject",
        {"reason": "同じ内容の課題が既にあるため"},
        {
            "public": moderation.NOT_AWAITING_REVIEW,
            "hidden": moderation.NOT_AWAITING_REVIEW,
            "awaiting": moderation.ISSUE_REJECTED,
        },
    ),
}
SUCCESS = {
    moderation.ISSUE_HIDDEN,
    moderation.ISSUE_UNHIDDEN,
    moderation.COMMENTS_LOCKED_DONE,
    moderation.REPORTS_DISMISSED,
    moderation.ISSUE_APPROVED,
    moderation.ISSUE_REJECTED,
}
PERSONAS = ["anonymous", "takahashi", "suzuki", "author", "sato"]
STATES = ["public", "hidden", "awaiting"]


def refused_status(persona, state):
    """What someone who is not the secretariat gets: an issue they cannot see is 404."""
    can_see = state == "public" or persona == "author"
    if not can_see:
        return 404
    return 302 if persona == "anonymous" else 403


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ISSUE_ACTIONS)
def test_issue_moderation_matrix(client, login_as, author, sato, suzuki, action, persona, state):
    issue = make_issue(author, state)
    Report.objects.create(issue=issue, reporter=suzuki, reason="通報")
    before = snapshot(issue)
    login_as(persona)
    name, data, outcomes = ISSUE_ACTIONS[action]
    response = client.post(reverse(name, args=[issue.pk]), data, follow=persona == "sato")

    if persona != "sato":
        assert response.status_code == refused_status(persona, state)
        if response.status_code == 302:
            assert response.url.startswith(reverse("accounts:login"))
        assert snapshot(issue) == before
        assert Report.objects.get().status == Report.Status.OPEN
        assert not AuditEvent.objects.exists()
        return

    expected = outcomes[state]
    assert response.status_code == 200
    assert shown(response) == [str(expected)]
    audited = AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT)
    if expected in SUCCESS:
        event = audited.get()
        assert event.actor == sato
        assert event.data["operation"].split(".")[-1] in {
            "hide",
            "unhide",
            "lock",
            "dismiss",
            "approve",
            "reject",
        }
        assert snapshot(issue) != before or action == "dismiss"
    else:
        assert not audited.exists()
        assert snapshot(issue) == before


def test_hide_then_unhide(client, author, sato, suzuki, django_capture_on_commit_callbacks):
    issue = make_issue(author)
    Report.objects.create(issue=issue, reporter=suzuki, reason="電話番号")
    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("issues:hide", args=[issue.pk]), {"reason": f"  {HIDE_REASON}  "})
    issue.refresh_from_db()
    assert issue.hidden_at is not None
    assert issue.hidden_reason == HIDE_REASON
    assert issue.hidden_by == sato
    report = Report.objects.get()
    assert (report.status, report.handled_by) == (Report.Status.HIDDEN, sato)
    event = AuditEvent.objects.get()
    assert event.data == {"operation": "issue.hide", "reason": HIDE_REASON}
    assert (event.target_type, event.target_id) == ("issues.issue", str(issue.pk))

    to_author = Notification.objects.get(recipient=author)
    assert to_author.kind == "issues.hidden"
    assert HIDE_REASON in to_author.text
    assert to_author.url == reverse("issues:detail", args=[issue.pk])
    to_reporter = Notification.objects.get(recipient=suzuki)
    assert to_reporter.kind == "issues.report_handled"
    assert HIDE_REASON not in to_reporter.text  # the reason is for the poster

    client.post(reverse("issues:unhide", args=[issue.pk]))
    issue.refresh_from_db()
    assert (issue.hidden_at, issue.hidden_reason, issue.hidden_by) == (None, "", None)
    assert Notification.objects.filter(recipient=author, kind="issues.unhidden").exists()


@pytest.mark.parametrize("reason", ["", "   ", "あ" * 1001])
def test_hiding_needs_a_reason(client, author, sato, reason):
    issue = make_issue(author)
    client.force_login(sato)
    response = client.post(reverse("issues:hide", args=[issue.pk]), {"reason": reason})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    issue.refresh_from_db()
    assert issue.hidden_at is None


def test_hide_form_keeps_where_to_go_back(client, author, sato):
    issue = make_issue(author)
    client.force_login(sato)
    queue = reverse("issues:moderation")
    response = client.get(reverse("issues:hide", args=[issue.pk]), {"next": queue})
    assert response.status_code == 200
    assert f'value="{queue}"' in response.text
    response = client.post(reverse("issues:hide", args=[issue.pk]), {"reason": "x", "next": queue})
    assert response.url == queue


def test_next_outside_the_site_is_ignored(client, author, sato):
    issue = make_issue(author)
    client.force_login(sato)
    response = client.post(
        reverse("issues:unhide", args=[issue.pk]), {"next": "https://evil.example/"}
    )
    assert response.url == reverse("issues:detail", args=[issue.pk])


@pytest.mark.parametrize("name", ["issues:unhide", "issues:lock_comments", "issues:approve"])
def test_post_only_actions_refuse_get(client, author, sato, name):
    issue = make_issue(author, "awaiting")
    client.force_login(sato)
    assert client.get(reverse(name, args=[issue.pk])).status_code == 405


def test_lock_and_unlock_comments(client, author, sato):
    issue = make_issue(author)
    client.force_login(sato)
    response = client.post(
        reverse("issues:lock_comments", args=[issue.pk]), {"reason": "荒れているため"}, follow=True
    )
    assert shown(response) == [str(moderation.COMMENTS_LOCKED_DONE)]
    issue.refresh_from_db()
    assert issue.comments_locked
    note = Notification.objects.get(recipient=author)
    assert note.kind == "issues.comments_locked"
    assert "荒れているため" in note.text
    response = client.post(reverse("issues:lock_comments", args=[issue.pk]), follow=True)
    assert shown(response) == [str(moderation.COMMENTS_ALREADY_LOCKED)]
    client.post(reverse("issues:unlock_comments", args=[issue.pk]))
    issue.refresh_from_db()
    assert not issue.comments_locked
    assert [e.data["operation"] for e in AuditEvent.objects.order_by("id")] == [
        "comments.lock",
        "comments.unlock",
    ]


def test_dismiss_tells_the_reporters_not_the_poster(client, author, sato, suzuki, takahashi):
    issue = make_issue(author)
    Report.objects.create(issue=issue, reporter=suzuki, reason="a")
    Report.objects.create(issue=issue, reporter=takahashi, reason="b")
    client.force_login(sato)
    response = client.post(reverse("issues:dismiss_reports", args=[issue.pk]), follow=True)
    assert shown(response) == [str(moderation.REPORTS_DISMISSED)]
    assert set(Report.objects.values_list("status", flat=True)) == {Report.Status.DISMISSED}
    assert set(Notification.objects.values_list("recipient_id", flat=True)) == {
        suzuki.pk,
        takahashi.pk,
    }
    assert AuditEvent.objects.get().data["reports"] == 2
    response = client.post(reverse("issues:dismiss_reports", args=[issue.pk]), follow=True)
    assert shown(response) == [str(moderation.REPORTS_ALREADY_HANDLED)]


def test_review_approve_publishes(client, author, sato, django_capture_on_commit_callbacks):
    issue = make_issue(author, "awaiting")
    client.force_login(sato)
    response = client.post(reverse("issues:approve", args=[issue.pk]))
    assert response.url == reverse("issues:moderation_review")
    issue.refresh_from_db()
    assert (issue.awaiting_review, issue.hidden_at) == (False, None)
    assert Notification.objects.get(recipient=author).kind == "issues.approved"


def test_review_reject_hides_with_the_reason(client, author, sato):
    issue = make_issue(author, "awaiting")
    client.force_login(sato)
    response = client.post(
        reverse("issues:reject", args=[issue.pk]), {"reason": "宣伝のみの内容のため"}
    )
    assert response.url == reverse("issues:moderation_review")
    issue.refresh_from_db()
    assert not issue.awaiting_review
    assert issue.hidden_reason == "宣伝のみの内容のため"
    note = Notification.objects.get(recipient=author)
    assert (note.kind, "宣伝のみの内容のため" in note.text) == ("issues.rejected", True)


def test_reject_needs_a_reason(client, author, sato):
    issue = make_issue(author, "awaiting")
    client.force_login(sato)
    response = client.post(reverse("issues:reject", args=[issue.pk]), {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [str(moderation.REJECT_REASON_REQUIRED)]
    issue.refresh_from_db()
    assert issue.awaiting_review


# --- Comments: role × action × comment state -------------------------------------------------


def make_comment(issue, author, state):
    fields = {}
    if state == "hidden":
        fields = {"hidden_at": timezone.now(), "hidden_reason": "前の理由"}
    elif state == "deleted":
        fields = {"deleted_at": timezone.now()}
    return Comment.objects.create(issue=issue, author=author, body="コメント", **fields)


COMMENT_ACTIONS = {
    "hide": (
        "issues:hide_comment",
        {"reason": "暴言のため"},
        {
            "visible": moderation.COMMENT_HIDDEN,
            "hidden": moderation.COMMENT_ALREADY_HIDDEN,
            "deleted": moderation.COMMENT_ALREADY_HIDDEN,
        },
    ),
    "unhide": (
        "issues:unhide_comment",
        {},
        {
            "visible": moderation.COMMENT_NOT_HIDDEN,
            "hidden": moderation.COMMENT_UNHIDDEN,
            "deleted": moderation.COMMENT_NOT_HIDDEN,
        },
    ),
    "dismiss": (
        "issues:dismiss_comment_reports",
        {},
        dict.fromkeys(("visible", "hidden", "deleted"), moderation.REPORTS_DISMISSED),
    ),
}


@pytest.mark.parametrize("state", ["visible", "hidden", "deleted"])
@pytest.mark.parametrize("persona", ["anonymous", "takahashi", "suzuki", "author", "sato"])
@pytest.mark.parametrize("action", COMMENT_ACTIONS)
def test_comment_moderation_matrix(
    client, login_as, author, suzuki, takahashi, sato, action, persona, state
):
    issue = make_issue(author)
    comment = make_comment(issue, suzuki, state)  # suzuki wrote the comment
    Report.objects.create(issue=issue, comment=comment, reporter=takahashi, reason="通報")
    comment_before = Comment.objects.filter(pk=comment.pk).values().get()
    login_as(persona)
    name, data, outcomes = COMMENT_ACTIONS[action]
    response = client.post(
        reverse(name, args=[issue.pk, comment.pk]), data, follow=persona == "sato"
    )
    if persona != "sato":
        assert response.status_code == (302 if persona == "anonymous" else 403)
        assert Comment.objects.filter(pk=comment.pk).values().get() == comment_before
        assert Report.objects.get().status == Report.Status.OPEN
        return
    expected = outcomes[state]
    assert shown(response) == [str(expected)]
    changed = Comment.objects.filter(pk=comment.pk).values().get() != comment_before
    assert changed == (expected in {moderation.COMMENT_HIDDEN, moderation.COMMENT_UNHIDDEN})


def test_hiding_a_comment_tells_its_author_and_the_reporter(
    client, author, suzuki, takahashi, sato
):
    issue = make_issue(author)
    comment = make_comment(issue, suzuki, "visible")
    Report.objects.create(issue=issue, comment=comment, reporter=takahashi, reason="通報")
    client.force_login(sato)
    client.post(reverse("issues:hide_comment", args=[issue.pk, comment.pk]), {"reason": "暴言"})
    comment.refresh_from_db()
    assert comment.hidden_reason == "暴言"
    assert Report.objects.get().status == Report.Status.HIDDEN
    note = Notification.objects.get(recipient=suzuki)
    assert (
        note.url
        == reverse("issues:detail", args=[issue.pk]) + f"?comment={comment.pk}#comment-{comment.pk}"
    )
    assert "暴言" in note.text
    assert Notification.objects.get(recipient=takahashi).kind == "issues.report_handled"
    assert not Notification.objects.filter(recipient=author).exists()
    event = AuditEvent.objects.get()
    assert (event.target_type, event.data["operation"]) == ("issues.comment", "comment.hide")


def test_a_comment_of_another_issue_is_404(client, author, suzuki, sato):
    issue, other = make_issue(author), make_issue(author)
    comment = make_comment(other, suzuki, "visible")
    client.force_login(sato)
    url = reverse("issues:hide_comment", args=[issue.pk, comment.pk])
    assert client.post(url, {"reason": "x"}).status_code == 404
