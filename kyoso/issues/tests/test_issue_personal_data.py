"""個人情報保護法: the data download holds a person's issues, comments, empathy, follows and
offers; leaving Kyoso keeps their issues and comments (then by 「退会したユーザー」) and removes
their empathy, follows and offers, with the counters brought down to match."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.issues.models import Comment, Empathy, Follow, HelpOffer, Issue
from kyoso.issues.services import comments, engagement, posting
from kyoso.issues.tests.factories import IssueFactory

DELETE = {"password": DEFAULT_PASSWORD, "confirm": "退会する"}


def _export(client) -> dict:
    response = client.post(reverse("accounts:data"))
    assert response.status_code == 200
    return json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))


def test_the_download_holds_everything_the_person_did_on_issues(client, suzuki, poster):
    mine = posting.issue_create(
        actor=suzuki,
        data={"title": "鈴木の課題", "body": "本文", "themes": ["housing"], "name_hidden": True},
    )
    theirs = IssueFactory(author=poster, title="田中の課題")
    comments.comment_create(actor=suzuki, issue=theirs, body="鈴木のコメント")
    engagement.empathy_toggle(actor=suzuki, issue=theirs, on=True)
    engagement.offer_create(actor=suzuki, issue=theirs, kinds=["time"], message="土曜なら")
    client.force_login(suzuki)

    data = _export(client)["issues"]

    assert [(i["title"], i["name_hidden"]) for i in data["issues"]] == [("鈴木の課題", True)]
    assert data["issues"][0]["tags"] == [{"kind": "theme", "value": "housing"}]
    assert [c["body"] for c in data["comments"]] == ["鈴木のコメント"]
    assert [e["issue"] for e in data["empathy"]] == [theirs.pk]
    assert {f["issue"] for f in data["follows"]} == {mine.pk, theirs.pk}
    assert [(o["kinds"], o["message"]) for o in data["help_offers"]] == [(["time"], "土曜なら")]
    assert "田中の課題" not in json.dumps(data, ensure_ascii=False)


def test_leaving_keeps_issues_and_comments_and_removes_empathy_follows_offers(
    client, suzuki, poster
):
    mine = posting.issue_create(actor=suzuki, data={"title": "残る課題", "body": "本文"})
    theirs = IssueFactory(author=poster, title="田中の課題")
    comments.comment_create(actor=suzuki, issue=theirs, body="残るコメント")
    engagement.empathy_toggle(actor=suzuki, issue=theirs, on=True)
    engagement.offer_create(actor=suzuki, issue=theirs, kinds=["money"], message="寄付します")
    assert Issue.objects.get(pk=theirs.pk).follower_count == 1
    client.force_login(suzuki)

    response = client.post(reverse("accounts:delete"), DELETE)

    assert response.status_code == 302
    assert Issue.objects.filter(pk=mine.pk).exists()
    assert Comment.objects.filter(body="残るコメント").exists()
    assert not Empathy.objects.exists()
    assert not Follow.objects.filter(user=suzuki).exists()
    assert not HelpOffer.objects.exists()
    counters = Issue.objects.get(pk=theirs.pk)
    assert (counters.empathy_count, counters.follower_count) == (0, 0)
    page = client.get(reverse("issues:detail", args=[mine.pk])).content.decode()
    assert "退会したユーザー" in page
