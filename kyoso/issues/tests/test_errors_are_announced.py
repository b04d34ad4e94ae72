"""A field with an error tells screen readers: aria-invalid, and aria-describedby naming the
element that holds the error's text."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kyoso.issues import messages
from kyoso.issues.services import comments
from kyoso.issues.tests.factories import IssueFactory
from kyoso.issues.tests.test_post_issue import form_data

pytestmark = pytest.mark.django_db


def described_error(page: str, control: str) -> str:
    """The text of the element(s) the invalid ``control`` (its opening tag) points to."""
    tag = re.search(control, page)
    assert tag is not None, control
    tag_text = tag.group(0)
    assert 'aria-invalid="true"' in tag_text
    ids = re.search(r'aria-describedby="([^"]+)"', tag_text).group(1).split()
    texts = []
    for element_id in ids:
        found = re.search(rf'<(\w+)[^>]*\bid="{element_id}"[^>]*>(.*?)</\1>', page, re.S)
        if found:
            texts.append(re.sub(r"<[^>]+>", "", found.group(2)))
    return " ".join(texts)


def test_an_issue_title_left_empty(client, poster):
    client.force_login(poster)
    page = client.post(reverse("issues:create"), form_data(title="   ")).content.decode()
    assert str(messages.TITLE_REQUIRED) in described_error(
        page, r'<input type="text" name="title"[^>]*>'
    )


def test_an_empty_reply(client, suzuki):
    issue = IssueFactory()
    top = comments.comment_create(actor=suzuki, issue=issue, body="一段目")
    client.force_login(suzuki)
    response = client.post(
        reverse("issues:comment_create", args=[issue.pk]), {"body": " ", "parent": str(top.pk)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    error = described_error(page, rf'<textarea id="reply-{top.pk}"[^>]*>')
    assert error.strip()
