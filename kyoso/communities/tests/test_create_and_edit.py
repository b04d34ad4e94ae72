"""Starting and editing a community, linking issues, and what bad input gets back."""

from __future__ import annotations

from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.communities import messages
from kyoso.communities.models import Community, CommunityMembership
from kyoso.issues.tests.factories import IssueFactory, hidden

NEW = {
    "name": "庄内ものづくり共創コミュニティ",
    "slug": "shonai-monozukuri",
    "theme": "industry",
    "description": "IoT関連人材の育成に取り組みます。",
    "municipality": "06204",
    "join_policy": "approval",
}


def test_an_organizer_starts_a_community_and_leads_it(client, organizer):
    client.force_login(organizer)

    response = client.post(reverse("communities:create"), NEW)

    community = Community.objects.get(slug="shonai-monozukuri")
    assert response["Location"] == reverse("communities:detail", args=[community.slug])
    assert (community.member_count, community.municipality_id) == (1, "06204")
    membership = CommunityMembership.objects.get(community=community)
    assert (membership.user, membership.role, membership.status) == (organizer, "leader", "active")
    assert AuditEvent.objects.filter(action=AuditEvent.Action.COMMUNITY_CREATED).exists()


def test_an_empty_name_is_refused_and_the_rest_is_kept(client, organizer):
    client.force_login(organizer)

    response = client.post(reverse("communities:create"), {**NEW, "name": "　"})

    page = response.content.decode()
    assert response.status_code == 400
    assert str(messages.NAME_REQUIRED) in page
    assert str(messages.FORM_HAS_ERRORS) in page
    assert "IoT関連人材の育成に取り組みます。" in page
    assert not Community.objects.exists()


def test_a_duplicate_slug_is_refused_by_name(client, organizer, open_community):
    client.force_login(organizer)

    response = client.post(reverse("communities:create"), {**NEW, "slug": "shonai-agri"})

    assert response.status_code == 400
    assert str(messages.SLUG_TAKEN % {"slug": "shonai-agri"}) in response.content.decode()
    assert Community.objects.count() == 1


def test_bad_slugs_are_explained(client, organizer):
    client.force_login(organizer)

    for slug, message in (
        ("農業", messages.SLUG_INVALID),
        ("a", messages.SLUG_INVALID),
        ("new", messages.SLUG_RESERVED % {"slug": "new"}),
        ("Bad_Slug", messages.SLUG_INVALID),
    ):
        response = client.post(reverse("communities:create"), {**NEW, "slug": slug})
        assert response.status_code == 400, slug
        assert str(message) in response.content.decode(), slug
    assert not Community.objects.exists()


def test_an_unknown_theme_and_policy_are_refused(client, organizer):
    client.force_login(organizer)

    response = client.post(
        reverse("communities:create"), {**NEW, "theme": "cooking", "join_policy": "secret"}
    )

    assert response.status_code == 400
    assert response.content.decode().count(str(messages.CHOICE_INVALID)) == 2


def test_a_too_long_description_is_refused_with_the_count(client, organizer):
    client.force_login(organizer)

    response = client.post(reverse("communities:create"), {**NEW, "description": "あ" * 10_001})

    assert response.status_code == 400
    assert "10000文字以内で入力してください（いま10001文字です）" in response.content.decode()


def test_leaders_edit_but_not_the_slug(client, open_community, leader):
    client.force_login(leader)

    client.post(
        reverse("communities:edit", args=[open_community.slug]),
        {**NEW, "slug": "changed", "name": "庄内農業コミュニティ", "theme": "agriculture"},
    )

    open_community.refresh_from_db()
    assert (open_community.name, open_community.slug) == ("庄内農業コミュニティ", "shonai-agri")
    assert open_community.join_policy == "approval"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()


def test_a_secretariat_edit_is_audited(client, open_community, sato):
    client.force_login(sato)

    client.post(
        reverse("communities:edit", args=[open_community.slug]),
        {**NEW, "theme": "agriculture", "join_policy": "open"},
    )

    audit = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert set(audit.data["fields"]) == {"name", "description", "municipality"}


def test_leaders_link_visible_issues_by_number(client, open_community, leader):
    issue = IssueFactory(title="販路が足りない")
    secret = hidden(title="非表示の課題")
    client.force_login(leader)
    url = reverse("communities:issues", args=[open_community.slug])

    client.post(url, {"issue": f"＃{issue.pk}"})
    refused = client.post(url, {"issue": str(secret.pk)})
    nonsense = client.post(url, {"issue": "十二"})

    assert list(open_community.issues.all()) == [issue]
    assert str(messages.ISSUE_NOT_FOUND % {"number": secret.pk}) in refused.content.decode()
    assert str(messages.ISSUE_NUMBER_INVALID) in nonsense.content.decode()
    detail = client.get(reverse("communities:detail", args=[open_community.slug]))
    assert "販路が足りない" in detail.content.decode()

    client.post(url, {"remove": str(issue.pk)})
    assert not open_community.issues.exists()


def test_the_detail_page_lists_upcoming_published_events(client, open_community, leader):
    from datetime import timedelta

    from django.utils import timezone

    from kyoso.events.models import Event

    now = timezone.now()
    common = {"community": open_community, "created_by": leader, "kind": "regular"}
    soon = Event.objects.create(
        title="定例会（来週）",
        starts_at=now + timedelta(days=7),
        ends_at=now + timedelta(days=7, hours=2),
        **common,
    )
    Event.objects.create(
        title="下書きの会",
        status="draft",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=1),
        **common,
    )
    Event.objects.create(
        title="先月の会",
        starts_at=now - timedelta(days=30),
        ends_at=now - timedelta(days=30, hours=-2),
        **common,
    )

    page = client.get(reverse("communities:detail", args=[open_community.slug])).content.decode()

    assert f'href="/events/{soon.pk}/"' in page
    assert "下書きの会" not in page and "先月の会" not in page
    from kyoso.communities.views.listing import ical_url

    assert f'href="{ical_url(open_community)}"' in page and ical_url(open_community).endswith(
        ".ics"
    )
