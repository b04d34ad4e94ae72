"""A name-hidden poster stays unnamed on their issue's page, in comments and the timeline."""

import pytest
from django.urls import reverse

from kyoso.issues.models import Stage
from kyoso.issues.tests.factories import CommentFactory, IssueFactory, StageChangeFactory


@pytest.fixture
def hidden_poster_issue(suzuki):
    issue = IssueFactory(author=suzuki, name_hidden=True, stage=Stage.SURFACED)
    CommentFactory(issue=issue, author=suzuki, body="投稿者からの補足です。")
    StageChangeFactory(
        issue=issue,
        actor=suzuki,
        from_stage=Stage.SEED,
        to_stage=Stage.SURFACED,
        reason="定例会で取り上げられました。",
    )
    return issue


@pytest.mark.parametrize(
    ("persona", "name_shown"),
    [("anonymous", False), ("takahashi", False), ("suzuki", True), ("sato", True)],
)
def test_poster_name_shown_only_to_poster_and_secretariat(
    client, login_as, hidden_poster_issue, persona, name_shown
):
    login_as(persona)
    page = client.get(reverse("issues:detail", args=[hidden_poster_issue.pk])).content.decode()

    assert "投稿者からの補足です。" in page
    assert ("鈴木" in page) is name_shown
    assert "名前非公開" in page
