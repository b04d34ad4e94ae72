import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.orgs import messages
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

CHANGES = {
    "name": "酒田まちづくり協議会",
    "name_kana": "サカタマチヅクリキョウギカイ",
    "org_type": "community",
    "description": "新しい紹介文",
}


@pytest.fixture
def organization(suzuki):
    org = OrganizationFactory(name="旧名称")
    MembershipFactory(organization=org, user=suzuki, role=MemberRole.OWNER)
    return org


@pytest.mark.parametrize(("role", "allowed"), [("owner", True), ("admin", True), ("member", False)])
def test_members_edit_by_role(client, organization, role, allowed):
    person = MembershipFactory(organization=organization, role=role).user
    client.force_login(person)

    response = client.post(reverse("orgs:edit", args=[organization.slug]), CHANGES)

    organization.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert organization.name == CHANGES["name"]
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()
    else:
        assert response.status_code == 403
        assert organization.name == "旧名称"


def test_outsider_cannot_edit(client, organization, takahashi):
    client.force_login(takahashi)

    assert client.get(reverse("orgs:edit", args=[organization.slug])).status_code == 403
    assert client.post(reverse("orgs:edit", args=[organization.slug]), CHANGES).status_code == 403
    organization.refresh_from_db()
    assert organization.name == "旧名称"


def test_secretariat_edit_of_someone_elses_organization_is_audited(client, organization, sato):
    client.force_login(sato)

    response = client.post(reverse("orgs:edit", args=[organization.slug]), CHANGES)

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == CHANGES["name"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.STAFF_EDIT)
    assert event.actor == sato
    assert event.target_id == str(organization.pk)
    assert sorted(event.data["fields"]) == ["description", "name", "name_kana", "org_type"]


def test_saving_without_changes_writes_no_staff_edit(client, organization, sato):
    client.force_login(sato)
    unchanged = {
        "name": organization.name,
        "name_kana": organization.name_kana,
        "org_type": organization.org_type,
    }

    response = client.post(reverse("orgs:edit", args=[organization.slug]), unchanged)

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.STAFF_EDIT).exists()


def test_edit_form_is_filled_with_current_values(client, organization, suzuki):
    client.force_login(suzuki)

    page = client.get(reverse("orgs:edit", args=[organization.slug])).content.decode()

    assert 'value="旧名称"' in page
    assert str(messages.ORG_SAVED) not in page
