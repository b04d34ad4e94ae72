import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def organization(db):
    org = OrganizationFactory(name="酒田市社会福祉協議会")
    MembershipFactory(organization=org, role=MemberRole.OWNER)
    return org


def test_secretariat_verifies_and_the_audit_log_records_it(client, organization, sato):
    client.force_login(sato)

    response = client.post(reverse("orgs:verify", args=[organization.slug]))

    organization.refresh_from_db()
    assert organization.is_verified
    assert organization.verified_by == sato
    event = AuditEvent.objects.get(action=AuditEvent.Action.ORG_VERIFIED)
    assert (event.actor, event.target_type, event.target_id) == (
        sato,
        "orgs.organization",
        str(organization.pk),
    )
    page = client.get(response["Location"]).content.decode()
    assert str(messages.ORG_VERIFIED) in page
    assert "badge--verified" in page


@pytest.mark.parametrize("role", ["owner", "admin", "member"])
def test_members_of_the_organization_cannot_verify_it(client, organization, role):
    person = (
        organization.memberships.get(role=MemberRole.OWNER).user
        if role == "owner"
        else MembershipFactory(organization=organization, role=role).user
    )
    client.force_login(person)

    response = client.post(reverse("orgs:verify", args=[organization.slug]))

    assert response.status_code == 403
    organization.refresh_from_db()
    assert not organization.is_verified
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ORG_VERIFIED).exists()


@pytest.mark.parametrize("persona", ["suzuki", "takahashi"])
def test_other_people_cannot_verify(client, organization, request, persona):
    client.force_login(request.getfixturevalue(persona))

    assert client.post(reverse("orgs:verify", args=[organization.slug])).status_code == 403
    organization.refresh_from_db()
    assert not organization.is_verified


def test_anonymous_visitor_is_sent_to_login(client, organization):
    response = client.post(reverse("orgs:verify", args=[organization.slug]))

    assert response["Location"].startswith(reverse("accounts:login"))
    organization.refresh_from_db()
    assert not organization.is_verified


def test_verify_is_post_only(client, organization, sato):
    client.force_login(sato)

    assert client.get(reverse("orgs:verify", args=[organization.slug])).status_code == 405


def test_verifying_twice_records_once(client, organization, sato):
    client.force_login(sato)
    url = reverse("orgs:verify", args=[organization.slug])

    client.post(url)
    response = client.post(url)

    assert AuditEvent.objects.filter(action=AuditEvent.Action.ORG_VERIFIED).count() == 1
    assert str(messages.ORG_ALREADY_VERIFIED) in client.get(response["Location"]).content.decode()


def test_secretariat_withdraws_verification(client, organization, sato):
    client.force_login(sato)
    client.post(reverse("orgs:verify", args=[organization.slug]))

    client.post(reverse("orgs:unverify", args=[organization.slug]))

    organization.refresh_from_db()
    assert not organization.is_verified
    assert organization.verified_by is None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.ORG_UNVERIFIED).count() == 1


def test_owner_cannot_withdraw_verification(client, organization, sato):
    client.force_login(sato)
    client.post(reverse("orgs:verify", args=[organization.slug]))
    client.force_login(organization.memberships.get(role=MemberRole.OWNER).user)

    assert client.post(reverse("orgs:unverify", args=[organization.slug])).status_code == 403
    organization.refresh_from_db()
    assert organization.is_verified


def test_verify_button_is_shown_to_the_secretariat_only(client, organization, sato, suzuki):
    url = reverse("orgs:detail", args=[organization.slug])
    verify_url = reverse("orgs:verify", args=[organization.slug])

    client.force_login(suzuki)
    assert verify_url not in client.get(url).content.decode()
    client.force_login(sato)
    assert verify_url in client.get(url).content.decode()
