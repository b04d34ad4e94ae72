import re

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole, Membership, Organization
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.regions.models import Municipality

FORM = {
    "name": "Sakata Fab Lab",
    "name_kana": "さかた ふぁぶ らぼ",
    "org_type": "community",
    "municipality": "06204",
    "description": "酒田市のものづくり拠点です。\n誰でも参加できます。",
    "website": "https://fablab.example.jp/",
    "contact_email": "Info@FabLab.Example.JP",
}


def test_verified_member_creates_organization_and_becomes_its_owner(client, suzuki):
    client.force_login(suzuki)

    response = client.post(reverse("orgs:create"), FORM)

    organization = Organization.objects.get()
    assert response.status_code == 302
    # Creating leads to the organization's short onboarding (test_org_onboarding.py).
    assert response["Location"] == reverse(
        "orgs:onboarding", kwargs={"slug": organization.slug, "step": "does"}
    )
    assert organization.slug == "sakata-fab-lab"
    assert organization.name_kana == "サカタ ファブ ラボ"
    assert organization.municipality == Municipality.objects.get(code="06204")
    assert organization.contact_email == "info@fablab.example.jp"
    assert organization.created_by == suzuki
    assert organization.verified_at is None
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role) == (suzuki, MemberRole.OWNER)
    event = AuditEvent.objects.get(action=AuditEvent.Action.ORG_CREATED)
    assert (event.actor, event.target_id) == (suzuki, str(organization.pk))
    page = client.get(response["Location"]).content.decode()
    assert str(messages.ORG_CREATED) in page
    assert "酒田市" in client.get(reverse("orgs:detail", args=[organization.slug])).content.decode()


def test_japanese_name_gets_a_random_ascii_slug(client, suzuki):
    client.force_login(suzuki)

    client.post(reverse("orgs:create"), {**FORM, "name": "さかた子ども食堂ネットワーク"})

    assert re.fullmatch(r"org-[a-z0-9]{6}", Organization.objects.get().slug)


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        (["sakata-fab-lab"], "sakata-fab-lab-2"),
        (["sakata-fab-lab", "sakata-fab-lab-2"], "sakata-fab-lab-3"),
    ],
)
def test_slug_is_unique(client, suzuki, existing, expected):
    for slug in existing:
        OrganizationFactory(slug=slug)
    client.force_login(suzuki)

    client.post(reverse("orgs:create"), FORM)

    assert Organization.objects.get(name=FORM["name"]).slug == expected


@pytest.mark.parametrize("name", ["Mine", "New", "Invitations"])
def test_names_of_pages_never_become_slugs(client, suzuki, name):
    client.force_login(suzuki)

    client.post(reverse("orgs:create"), {**FORM, "name": name})

    organization = Organization.objects.get()
    assert re.fullmatch(r"org-[a-z0-9]{6}", organization.slug)
    assert client.get(reverse("orgs:detail", args=[organization.slug])).status_code == 200


def test_create_page_needs_a_verified_email(client, db):
    unverified = UserFactory(email_verified_at=None)
    client.force_login(unverified)

    assert client.get(reverse("orgs:create")).status_code == 403
    assert client.post(reverse("orgs:create"), FORM).status_code == 403
    assert not Organization.objects.exists()


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.post(reverse("orgs:create"), FORM)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Organization.objects.exists()


def test_only_required_fields(client, suzuki):
    client.force_login(suzuki)

    response = client.post(reverse("orgs:create"), {"name": "Minimal", "org_type": "other"})

    assert response.status_code == 302
    organization = Organization.objects.get()
    assert organization.municipality is None
    assert organization.website == ""
