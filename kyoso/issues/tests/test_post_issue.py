"""Posting an issue: as oneself, as an organization one belongs to, with the name hidden; the
first-post review switch; the posting limits."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from kyoso.issues import messages
from kyoso.issues.models import Follow, Issue, IssueTag
from kyoso.issues.services import posting
from kyoso.orgs.tests.factories import OrganizationFactory

URL = reverse("issues:create")


def form_data(**overrides):
    data = {
        "title": "生理用品をどこで受け取れるか分からない",
        "body": "**学校や公民館**で受け取れると聞いたが、どこに行けばよいか分からない。",
        "themes": ["gender", "health"],
        "sdgs": ["sdg05"],
        "targets": ["young_women"],
        "walls": ["matching"],
        "municipality": "04101",
        "latitude": "38.268215",
        "longitude": "140.869356",
        "organization": "",
    }
    data.update(overrides)
    return data


def test_a_verified_member_posts_an_issue_with_every_facet(client, poster):
    client.force_login(poster)

    response = client.post(URL, form_data())

    issue = Issue.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("issues:detail", args=[issue.pk])
    assert issue.author == poster
    assert issue.organization is None
    assert not issue.name_hidden
    assert issue.municipality_id == "04101"
    assert str(issue.latitude) == "38.268215"
    assert str(issue.longitude) == "140.869356"
    assert set(issue.tags.values_list("kind", "value")) == {
        (IssueTag.Kind.THEME, "gender"),
        (IssueTag.Kind.THEME, "health"),
        (IssueTag.Kind.SDG, "sdg05"),
        (IssueTag.Kind.TARGET, "young_women"),
        (IssueTag.Kind.WALL, "matching"),
    }
    # The poster follows their own issue, so they hear about comments.
    assert Follow.objects.filter(issue=issue, user=poster).exists()
    assert issue.follower_count == 1
    page = client.get(response["Location"]).content.decode()
    assert str(messages.ISSUE_POSTED) in page
    assert "<strong>学校や公民館</strong>" in page  # Markdown rendered


def test_posting_without_a_point_or_municipality_is_fine(client, poster):
    client.force_login(poster)

    client.post(URL, form_data(latitude="", longitude="", municipality=""))

    issue = Issue.objects.get()
    assert issue.latitude is None and issue.longitude is None and issue.municipality is None


def test_full_width_coordinates_are_read_and_rounded_to_six_places(client, poster):
    client.force_login(poster)

    client.post(URL, form_data(latitude="３８.２６８２１５４９", longitude="140.86935649999"))

    issue = Issue.objects.get()
    assert str(issue.latitude) == "38.268215"
    assert str(issue.longitude) == "140.869356"


def test_posting_as_an_organization_one_belongs_to(client, poster, organization):
    client.force_login(poster)

    client.post(URL, form_data(organization=str(organization.pk)))

    issue = Issue.objects.get()
    assert issue.organization == organization
    assert issue.author == poster
    page = client.get(reverse("issues:detail", args=[issue.pk])).content.decode()
    assert organization.name in page


def test_a_forged_organization_id_is_refused_and_nothing_is_stored(client, poster):
    stranger_org = OrganizationFactory(name="他人の団体")
    client.force_login(poster)

    response = client.post(URL, form_data(organization=str(stranger_org.pk)))

    assert response.status_code == 400
    assert str(messages.ORGANIZATION_NOT_ALLOWED) in response.content.decode()
    assert not Issue.objects.exists()


def test_garbage_organization_value_is_refused(client, poster, organization):
    client.force_login(poster)

    response = client.post(URL, form_data(organization="'; DROP TABLE issues_issue; --"))

    assert response.status_code == 400
    assert str(messages.ORGANIZATION_NOT_ALLOWED) in response.content.decode()
    assert not Issue.objects.exists()


def test_the_service_refuses_an_organization_the_actor_does_not_belong_to(poster):
    stranger_org = OrganizationFactory()
    with pytest.raises(posting.IssueError) as refused:
        posting.issue_create(
            actor=poster,
            data={**_service_data(), "organization": stranger_org},
        )
    assert refused.value.message == messages.ORGANIZATION_NOT_ALLOWED
    assert not Issue.objects.exists()


def _service_data(**overrides):
    data = {"title": "題", "body": "本文", "themes": ["housing"]}
    data.update(overrides)
    return data


def test_name_hidden_shows_a_placeholder_to_the_public_and_the_name_to_the_secretariat(
    client, poster, sato, takahashi
):
    client.force_login(poster)
    client.post(URL, form_data(name_hidden="on"))
    issue = Issue.objects.get()
    assert issue.name_hidden
    detail = reverse("issues:detail", args=[issue.pk])
    client.logout()

    public = client.get(detail).content.decode()
    listing = client.get(reverse("issues:list")).content.decode()
    client.force_login(takahashi)
    member = client.get(detail).content.decode()
    client.force_login(sato)
    secretariat = client.get(detail).content.decode()
    client.force_login(poster)
    own = client.get(detail).content.decode()

    for page in (public, listing, member):
        assert str(messages.NAME_HIDDEN) in page
        assert poster.display_name not in page
    assert poster.display_name in secretariat
    assert poster.display_name in own


def test_an_unverified_member_is_told_to_confirm_their_email(client, takahashi_unverified):
    from kyoso.accounts import messages as account_messages

    client.force_login(takahashi_unverified)

    shown = client.get(URL)
    posted = client.post(URL, form_data())

    for response in (shown, posted):
        assert response.status_code == 403
        assert str(account_messages.VERIFICATION_REQUIRED) in response.content.decode()
    assert not Issue.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_form_offers_only_the_organizations_one_belongs_to(client, poster, organization):
    OrganizationFactory(name="関係のない団体")
    client.force_login(poster)

    page = client.get(URL).content.decode()

    assert organization.name in page
    assert "関係のない団体" not in page


@override_settings(KYOSO_REVIEW_FIRST_POST=True)
def test_review_switch_holds_only_the_first_issue_of_a_person(client, poster, takahashi):
    client.force_login(poster)

    first = client.post(URL, form_data(title="はじめての投稿"), follow=True)
    client.post(URL, form_data(title="二つ目の投稿"))

    assert Issue.objects.get(title="はじめての投稿").awaiting_review
    assert not Issue.objects.get(title="二つ目の投稿").awaiting_review
    assert str(messages.ISSUE_POSTED_FOR_REVIEW) in first.content.decode()
    held = Issue.objects.get(title="はじめての投稿")
    client.force_login(takahashi)
    assert client.get(reverse("issues:detail", args=[held.pk])).status_code == 404


@override_settings(KYOSO_REVIEW_FIRST_POST=False)
def test_without_the_switch_the_first_post_is_public(client, poster):
    client.force_login(poster)
    client.post(URL, form_data())
    assert not Issue.objects.get().awaiting_review


@override_settings(KYOSO_ISSUE_LIMIT_PER_ACCOUNT=3)
def test_per_account_posting_limit(client, poster):
    client.force_login(poster)
    for n in range(3):
        assert client.post(URL, form_data(title=f"課題{n}")).status_code == 302

    refused = client.post(URL, form_data(title="4件目"))

    assert refused.status_code == 400
    page = refused.content.decode()
    assert str(messages.POSTING_LIMIT_ACCOUNT % {"limit": 3}) in page
    assert "4件目" in page  # what was typed is kept
    assert Issue.objects.count() == 3


@override_settings(KYOSO_ISSUE_LIMIT_PER_IP=2, KYOSO_ISSUE_LIMIT_PER_ACCOUNT=100)
def test_per_ip_posting_limit_counts_every_account_on_the_address(client, poster, suzuki):
    client.force_login(poster)
    client.post(URL, form_data(title="一つ目"), REMOTE_ADDR="203.0.113.7")
    client.force_login(suzuki)
    client.post(URL, form_data(title="二つ目"), REMOTE_ADDR="203.0.113.7")

    refused = client.post(URL, form_data(title="三つ目"), REMOTE_ADDR="203.0.113.7")
    elsewhere = client.post(URL, form_data(title="別の場所から"), REMOTE_ADDR="198.51.100.1")

    assert refused.status_code == 400
    assert str(messages.POSTING_LIMIT_IP) in refused.content.decode()
    assert elsewhere.status_code == 302
    assert set(Issue.objects.values_list("title", flat=True)) == {
        "一つ目",
        "二つ目",
        "別の場所から",
    }


@override_settings(KYOSO_ISSUE_LIMIT_PER_ACCOUNT=1)
def test_the_secretariat_is_not_limited(client, sato):
    client.force_login(sato)
    client.post(URL, form_data(title="一"))
    client.post(URL, form_data(title="二"))
    assert Issue.objects.count() == 2
