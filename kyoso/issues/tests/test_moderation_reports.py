"""Reporting (通報) an issue or a comment: who may, duplicates, the hourly limit, bad input."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.issues.models import Comment, Issue, Report
from kyoso.issues.services import moderation
from kyoso.issues.services.posting import IssueError
from kyoso.notifications.models import Notification

REASON = "電話番号が書かれていて、個人が特定されてしまいます。"


@pytest.fixture
def author(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


def make_issue(author, state="public", **fields):
    if state == "hidden":
        fields.update(hidden_at=timezone.now(), hidden_reason="不適切な表現")
    elif state == "awaiting":
        fields["awaiting_review"] = True
    return Issue.objects.create(title="空き家の活用", body="本文", author=author, **fields)


def shown(response):
    return [str(m) for m in response.context["messages"]]


# --- Reporting an issue: role × issue state --------------------------------------------------

REPORT_MATRIX = [
    # (persona, state, status, outcome)
    ("anonymous", "public", 302, "login"),
    ("anonymous", "hidden", 404, None),
    ("anonymous", "awaiting", 404, None),
    ("takahashi", "public", 302, "sent"),
    ("takahashi", "hidden", 404, None),
    ("takahashi", "awaiting", 404, None),
    ("suzuki", "public", 302, "sent"),
    ("suzuki", "hidden", 404, None),
    ("suzuki", "awaiting", 404, None),
    ("author", "public", 400, moderation.REPORT_OWN_CONTENT),
    ("author", "hidden", 400, moderation.REPORT_OWN_CONTENT),
    ("author", "awaiting", 400, moderation.REPORT_OWN_CONTENT),
    ("sato", "public", 302, "sent"),
    ("sato", "hidden", 400, moderation.REPORT_ALREADY_HIDDEN),
    ("sato", "awaiting", 302, "sent"),
]


@pytest.mark.parametrize(("persona", "state", "status", "outcome"), REPORT_MATRIX)
def test_report_issue_matrix(client, login_as, author, sato, persona, state, status, outcome):
    issue = make_issue(author, state)
    login_as(persona)
    url = reverse("issues:report", args=[issue.pk])
    response = client.post(url, {"reason": REASON}, follow=outcome == "sent")
    if outcome == "sent":
        assert response.redirect_chain == [(reverse("issues:detail", args=[issue.pk]), 302)]
        assert shown(response) == [str(moderation.REPORT_SENT)]
        report = Report.objects.get()
        assert (report.issue, report.comment, report.reason, report.status) == (
            issue,
            None,
            REASON,
            Report.Status.OPEN,
        )
        return
    assert response.status_code == status
    assert Report.objects.count() == 0
    if outcome == "login":
        assert response.url.startswith(reverse("accounts:login"))
    elif outcome is not None:
        assert response.context["error"] == outcome
        assert REASON in response.text  # what was typed is still there


def test_report_form_page(client, author, suzuki):
    issue = make_issue(author)
    client.force_login(suzuki)
    response = client.get(reverse("issues:report", args=[issue.pk]))
    assert response.status_code == 200
    assert "課題を通報する" in response.text


def test_the_secretariat_is_told_about_a_report(client, author, suzuki, sato):
    issue = make_issue(author)
    client.force_login(suzuki)
    client.post(reverse("issues:report", args=[issue.pk]), {"reason": REASON})
    note = Notification.objects.get(recipient=sato)
    assert note.kind == "issues.report"
    assert note.url == reverse("issues:moderation")
    assert "空き家の活用" in note.text
    assert not Notification.objects.filter(recipient=author).exists()


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", moderation.REPORT_REASON_REQUIRED),
        ("   \n ", moderation.REPORT_REASON_REQUIRED),
        ("あ" * 1001, "1000文字以内で入力してください（いま1001文字です）。"),
    ],
)
def test_bad_reason_is_refused_with_a_message(client, author, suzuki, reason, message):
    issue = make_issue(author)
    client.force_login(suzuki)
    response = client.post(reverse("issues:report", args=[issue.pk]), {"reason": reason})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == [str(message)]
    assert Report.objects.count() == 0


def test_script_in_the_reason_is_stored_as_text_and_escaped(client, author, suzuki, sato):
    issue = make_issue(author)
    client.force_login(suzuki)
    client.post(reverse("issues:report", args=[issue.pk]), {"reason": "<script>alert(1)</script>"})
    client.force_login(sato)
    response = client.get(reverse("issues:moderation"))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_a_second_open_report_by_the_same_person_is_refused(client, author, suzuki, takahashi):
    issue = make_issue(author)
    client.force_login(suzuki)
    url = reverse("issues:report", args=[issue.pk])
    client.post(url, {"reason": REASON})
    response = client.post(url, {"reason": "もう一度"})
    assert response.status_code == 400
    assert response.context["error"] == moderation.REPORT_DUPLICATE
    assert Report.objects.count() == 1
    # someone else may still report it, and so may the same person once it was handled
    client.force_login(takahashi)
    assert client.post(url, {"reason": REASON}).status_code == 302
    Report.objects.update(status=Report.Status.DISMISSED)
    client.force_login(suzuki)
    assert client.post(url, {"reason": REASON}).status_code == 302
    assert Report.objects.count() == 3


@override_settings(KYOSO_REPORT_LIMIT=2)
def test_reports_per_account_are_limited(author, suzuki, takahashi):
    issues = [make_issue(author) for _ in range(3)]
    for issue in issues[:2]:
        moderation.report_create(actor=suzuki, issue=issue, reason=REASON)
    with pytest.raises(IssueError) as refused:
        moderation.report_create(actor=suzuki, issue=issues[2], reason=REASON)
    assert refused.value.message == moderation.REPORT_LIMIT % {"limit": 2}
    # the limit is per account
    moderation.report_create(actor=takahashi, issue=issues[2], reason=REASON)
    # and per hour
    Report.objects.filter(reporter=suzuki).update(
        created_at=timezone.now() - moderation.REPORT_LIMIT_WINDOW
    )
    moderation.report_create(actor=suzuki, issue=issues[2], reason=REASON)


@override_settings(KYOSO_REPORT_LIMIT=1)
def test_the_limit_message_reaches_the_page(client, author, suzuki):
    first, second = make_issue(author), make_issue(author)
    client.force_login(suzuki)
    client.post(reverse("issues:report", args=[first.pk]), {"reason": REASON})
    response = client.post(reverse("issues:report", args=[second.pk]), {"reason": REASON})
    assert response.status_code == 400
    assert response.context["error"] == moderation.REPORT_LIMIT % {"limit": 1}


def test_missing_issue_is_404(client, suzuki):
    client.force_login(suzuki)
    assert (
        client.post(reverse("issues:report", args=[999999]), {"reason": REASON}).status_code == 404
    )


# --- Reporting a comment ---------------------------------------------------------------------


def make_comment(issue, author, state="visible"):
    fields = {}
    if state == "hidden":
        fields = {"hidden_at": timezone.now(), "hidden_reason": "暴言"}
    elif state == "deleted":
        fields = {"deleted_at": timezone.now()}
    return Comment.objects.create(issue=issue, author=author, body="ひどいコメント", **fields)


COMMENT_MATRIX = [
    ("anonymous", "visible", 302, "login"),
    ("takahashi", "visible", 302, "sent"),
    ("takahashi", "hidden", 400, moderation.REPORT_TARGET_GONE),
    ("takahashi", "deleted", 400, moderation.REPORT_TARGET_GONE),
    ("suzuki", "visible", 400, moderation.REPORT_OWN_CONTENT),  # suzuki wrote the comment
    ("author", "visible", 302, "sent"),  # the issue's poster may report a comment on it
    ("sato", "visible", 302, "sent"),
]


@pytest.mark.parametrize(("persona", "state", "status", "outcome"), COMMENT_MATRIX)
def test_report_comment_matrix(
    client, login_as, author, suzuki, sato, persona, state, status, outcome
):
    issue = make_issue(author)
    comment = make_comment(issue, suzuki, state)
    login_as(persona)
    url = reverse("issues:report_comment", args=[issue.pk, comment.pk])
    response = client.post(url, {"reason": REASON})
    assert response.status_code == status
    if outcome == "sent":
        assert (
            response.url
            == reverse("issues:detail", args=[issue.pk])
            + f"?comment={comment.pk}#comment-{comment.pk}"
        )
        assert Report.objects.get().comment == comment
    else:
        assert Report.objects.count() == 0
        if outcome == "login":
            assert response.url.startswith(reverse("accounts:login"))
        else:
            assert response.context["error"] == outcome


def test_a_comment_of_another_issue_is_404(client, author, suzuki, takahashi):
    issue, other = make_issue(author), make_issue(author)
    comment = make_comment(other, suzuki)
    client.force_login(takahashi)
    url = reverse("issues:report_comment", args=[issue.pk, comment.pk])
    assert client.post(url, {"reason": REASON}).status_code == 404


def test_comment_reports_of_one_person_are_per_comment(author, suzuki, takahashi):
    issue = make_issue(author)
    first, second = make_comment(issue, suzuki), make_comment(issue, suzuki)
    moderation.report_create(actor=takahashi, issue=issue, comment=first, reason=REASON)
    moderation.report_create(actor=takahashi, issue=issue, comment=second, reason=REASON)
    moderation.report_create(actor=takahashi, issue=issue, reason=REASON)
    with pytest.raises(IssueError) as refused:
        moderation.report_create(actor=takahashi, issue=issue, comment=first, reason=REASON)
    assert refused.value.message == moderation.REPORT_DUPLICATE
