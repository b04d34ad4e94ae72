"""Community pages in English: English punctuation around translated words, and the English a
Japanese word needs where it is used (メンバー as a heading is "Members", the role is "Member").
Japanese stays as it was."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kyoso.communities.models import CommunityRole
from kyoso.communities.services import messaging
from kyoso.communities.tests.factories import add_member
from kyoso.issues.tests.factories import IssueFactory

pytestmark = pytest.mark.django_db


def test_detail_headings_in_english(english, open_community, suzuki):
    add_member(open_community, suzuki)
    page = english.get(reverse("communities:detail", args=[open_community.slug])).content
    text = page.decode()
    assert "<dt>Members</dt><dd>2 people</dd>" in text
    assert "<dt>Leaders</dt>" in text
    with translation.override("en"):  # one member's role stays singular
        assert str(CommunityRole.MEMBER.label) == "Member"


def test_members_page_in_english_and_japanese(client, open_community, leader, suzuki):
    add_member(open_community, suzuki)
    client.force_login(leader)
    url = reverse("communities:members", args=[open_community.slug])
    japanese = client.get(url).content.decode()
    assert '<th scope="col">役割</th>' in japanese
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    translation.deactivate()
    assert '<th scope="col">Role</th>' in english
    assert ">Members</a></li>" in english  # the tab


def test_sent_mail_history_uses_the_punctuation_of_the_page(
    client, open_community, leader, suzuki, django_capture_on_commit_callbacks
):
    add_member(open_community, suzuki)
    with django_capture_on_commit_callbacks(execute=True):
        messaging.message_send(
            actor=leader, community=open_community, subject="定例会のお知らせ", body="来週です"
        )
    client.force_login(leader)
    url = reverse("communities:message", args=[open_community.slug])
    japanese = client.get(url).content.decode()
    assert "定例会のお知らせ（1 人、斎藤）</li>" in japanese
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    translation.deactivate()
    assert "定例会のお知らせ (1 recipient, 斎藤)</li>" in english


def test_linked_issue_numbers_in_english(english, open_community, leader):
    issue = IssueFactory(title="販路が足りない")
    open_community.issues.add(issue)
    english.force_login(leader)
    page = english.get(reverse("communities:issues", args=[open_community.slug])).content
    assert f"販路が足りない</a> (#{issue.pk})".encode() in page
