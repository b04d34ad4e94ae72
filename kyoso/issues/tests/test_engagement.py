"""共感, follows and 「手伝えます」: toggles with and without htmx, counters, who sees offers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.issues import messages
from kyoso.issues.models import Empathy, Follow, HelpOffer, Issue
from kyoso.issues.services import engagement
from kyoso.issues.services.posting import IssueError
from kyoso.issues.tests.factories import IssueFactory


@pytest.fixture
def issue(poster, organization):
    return IssueFactory(author=poster, organization=organization, title="子ども食堂の担い手不足")


def test_empathy_without_javascript_comes_back_to_the_issue(client, takahashi, issue):
    client.force_login(takahashi)

    response = client.post(reverse("issues:empathy", args=[issue.pk]), {"on": "1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk]) + "#empathy"
    assert Issue.objects.get(pk=issue.pk).empathy_count == 1
    page = client.get(response["Location"]).content.decode()
    assert str(messages.EMPATHY_ADDED) in page
    assert 'aria-pressed="true"' in page


def test_empathy_with_htmx_swaps_the_button(client, takahashi, issue):
    client.force_login(takahashi)
    url = reverse("issues:empathy", args=[issue.pk])

    on = client.post(url, {"on": "1"}, headers={"HX-Request": "true"})
    off = client.post(url, {"on": "0"}, headers={"HX-Request": "true"})

    assert on.status_code == 200
    assert '<div id="empathy"' in on.content.decode()
    assert "共感しています" in on.content.decode()
    assert "共感 1人" in on.content.decode()
    assert "<html" not in on.content.decode()
    assert "共感する" in off.content.decode()
    assert "共感 0人" in off.content.decode()
    assert not Empathy.objects.exists()


def test_asking_twice_for_the_same_state_counts_once(takahashi, issue):
    assert engagement.empathy_toggle(actor=takahashi, issue=issue, on=True)
    assert engagement.empathy_toggle(actor=takahashi, issue=issue, on=True)
    assert Issue.objects.get(pk=issue.pk).empathy_count == 1
    assert not engagement.empathy_toggle(actor=takahashi, issue=issue, on=False)
    assert not engagement.empathy_toggle(actor=takahashi, issue=issue, on=False)
    assert Issue.objects.get(pk=issue.pk).empathy_count == 0


def test_toggle_without_a_wanted_state_flips(takahashi, suzuki, issue):
    assert engagement.empathy_toggle(actor=takahashi, issue=issue) is True
    assert engagement.empathy_toggle(actor=suzuki, issue=issue) is True
    assert engagement.empathy_toggle(actor=takahashi, issue=issue) is False
    assert Issue.objects.get(pk=issue.pk).empathy_count == 1
    assert list(Empathy.objects.values_list("user", flat=True)) == [suzuki.pk]


def test_empathy_marks_recent_activity(takahashi, issue):
    before = Issue.objects.get(pk=issue.pk).last_activity_at
    engagement.empathy_toggle(actor=takahashi, issue=issue, on=True)
    assert Issue.objects.get(pk=issue.pk).last_activity_at > before


def test_follow_and_unfollow(client, takahashi, issue):
    client.force_login(takahashi)
    url = reverse("issues:follow", args=[issue.pk])

    client.post(url, {"on": "1"})
    assert Follow.objects.filter(issue=issue, user=takahashi).exists()
    assert Issue.objects.get(pk=issue.pk).follower_count == 1
    swapped = client.post(url, {"on": "0"}, headers={"HX-Request": "true"})

    assert "フォローする" in swapped.content.decode()
    assert not Follow.objects.exists()
    assert Issue.objects.get(pk=issue.pk).follower_count == 0


def test_unfollowing_a_merged_issue_is_still_possible(client, takahashi, issue):
    engagement.follow_toggle(actor=takahashi, issue=issue, on=True)
    Issue.objects.filter(pk=issue.pk).update(
        stage="merged", merged_into=IssueFactory(title="統合先")
    )
    client.force_login(takahashi)

    response = client.post(reverse("issues:follow", args=[issue.pk]), {"on": "0"})

    assert response.status_code == 302
    assert not Follow.objects.filter(issue=issue).exists()


def test_an_offer_reaches_the_poster_and_only_stewards_and_the_secretariat_read_it(
    client, takahashi, poster, org_admin, suzuki, sato, issue
):
    from kyoso.notifications.models import Notification

    client.force_login(takahashi)
    response = client.post(
        reverse("issues:offer", args=[issue.pk]),
        {"kinds": ["skills", "place"], "message": "公民館の調理室を貸せます。"},
    )
    assert response.status_code == 302
    offer = HelpOffer.objects.get()
    assert offer.kinds == ["skills", "place"]
    assert Notification.objects.filter(recipient=poster, kind="issues.offer").exists()

    detail = reverse("issues:detail", args=[issue.pk])
    for reader in (poster, org_admin, sato):
        client.force_login(reader)
        page = client.get(detail).content.decode()
        assert "公民館の調理室を貸せます。" in page
        assert "スキル・場所" in page
    for outsider in (suzuki, takahashi):
        client.force_login(outsider)
        page = client.get(detail).content.decode()
        assert "公民館の調理室を貸せます。" not in page
        assert "1件の申し出" in page
    client.logout()
    assert "公民館の調理室を貸せます。" not in client.get(detail).content.decode()


def test_an_offer_needs_a_kind_and_a_message(client, takahashi, issue):
    client.force_login(takahashi)

    response = client.post(reverse("issues:offer", args=[issue.pk]), {"message": "手伝います"})

    assert response.status_code == 400
    assert str(messages.OFFER_KINDS_REQUIRED) in response.content.decode()
    assert "手伝います" in response.content.decode()
    assert not HelpOffer.objects.exists()


def test_the_service_refuses_unknown_kinds(takahashi, issue):
    with pytest.raises(IssueError):
        engagement.offer_create(actor=takahashi, issue=issue, kinds=["bribes"], message="x")
