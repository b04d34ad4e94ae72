"""Granting and revoking roles: idempotent, audited, the secretariat protected."""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory, make_secretariat
from kyoso.audit.models import AuditEvent
from kyoso.roles import messages
from kyoso.roles.models import PlatformRole, RoleAssignment
from kyoso.roles.selectors import is_secretariat, roles_of_user
from kyoso.roles.services import (
    HolderRequired,
    LastSecretariat,
    SecretariatOnlyForPeople,
    UnknownRole,
    role_grant,
    role_revoke,
)
from kyoso.roles.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def _events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_grant_to_a_person_creates_the_role_and_one_audit_row(sato, suzuki):
    assert role_grant(actor=sato, role=PlatformRole.PLAYER, user=suzuki) is True

    assignment = RoleAssignment.objects.get(user=suzuki)
    assert (assignment.role, assignment.granted_by) == (PlatformRole.PLAYER, sato)
    [event] = _events(AuditEvent.Action.ROLE_GRANTED)
    assert event.actor == sato
    assert (event.target_type, event.target_id) == ("accounts.user", str(suzuki.pk))
    assert event.data == {"role": "player", "holder_type": "user", "holder_email": suzuki.email}


def test_granting_a_held_role_again_changes_nothing_and_writes_no_audit_row(sato, suzuki):
    role_grant(actor=sato, role=PlatformRole.PLAYER, user=suzuki)

    assert role_grant(actor=sato, role=PlatformRole.PLAYER, user=suzuki) is False

    assert RoleAssignment.objects.filter(user=suzuki).count() == 1
    assert len(_events(AuditEvent.Action.ROLE_GRANTED)) == 1


def test_a_person_may_hold_several_roles(sato, suzuki):
    for role in (PlatformRole.MANAGER, PlatformRole.PLAYER, PlatformRole.ORGANIZER):
        assert role_grant(actor=sato, role=role, user=suzuki)
    assert roles_of_user(suzuki) == {"manager", "player", "organizer"}


def test_grant_and_revoke_for_an_organization_are_audited_with_the_organization(sato):
    city = OrganizationFactory(slug="sendai-city", name="仙台市")

    assert role_grant(actor=sato, role=PlatformRole.SUPPORTER, organization=city) is True
    assert role_grant(actor=sato, role=PlatformRole.SUPPORTER, organization=city) is False
    assert RoleAssignment.objects.filter(organization=city).count() == 1

    assert role_revoke(actor=sato, role=PlatformRole.SUPPORTER, organization=city) is True
    assert role_revoke(actor=sato, role=PlatformRole.SUPPORTER, organization=city) is False
    assert not RoleAssignment.objects.filter(organization=city).exists()

    [granted] = _events(AuditEvent.Action.ROLE_GRANTED)
    [revoked] = _events(AuditEvent.Action.ROLE_REVOKED)
    for event in (granted, revoked):
        assert (event.target_type, event.target_id, event.target_label) == (
            "orgs.organization",
            str(city.pk),
            "仙台市",
        )
        assert event.data == {
            "role": "supporter",
            "holder_type": "organization",
            "holder_slug": "sendai-city",
        }


def test_the_same_role_for_a_person_and_an_organization_are_separate(sato, suzuki):
    org = OrganizationFactory()
    role_grant(actor=sato, role=PlatformRole.ORGANIZER, user=suzuki)
    role_grant(actor=sato, role=PlatformRole.ORGANIZER, organization=org)

    role_revoke(actor=sato, role=PlatformRole.ORGANIZER, organization=org)

    assert roles_of_user(suzuki) == {"organizer"}


def test_revoke_removes_the_role_once_and_audits_once(sato, suzuki):
    role_grant(actor=sato, role=PlatformRole.MANAGER, user=suzuki)

    assert role_revoke(actor=sato, role=PlatformRole.MANAGER, user=suzuki) is True
    assert role_revoke(actor=sato, role=PlatformRole.MANAGER, user=suzuki) is False

    assert not RoleAssignment.objects.filter(user=suzuki).exists()
    [event] = _events(AuditEvent.Action.ROLE_REVOKED)
    assert (event.actor, event.target_id, event.data["role"]) == (sato, str(suzuki.pk), "manager")


def test_revoking_a_role_never_held_writes_nothing(sato, takahashi):
    assert role_revoke(actor=sato, role=PlatformRole.SUPPORTER, user=takahashi) is False
    assert not AuditEvent.objects.exists()


def test_the_request_ip_is_recorded(sato, suzuki, rf):
    request = rf.post("/roles/grant/", REMOTE_ADDR="192.0.2.10")
    role_grant(actor=sato, role=PlatformRole.PLAYER, user=suzuki, request=request)
    assert AuditEvent.objects.get().ip_address == "192.0.2.10"


def test_the_secretariat_role_is_for_people_only(sato):
    org = OrganizationFactory()
    with pytest.raises(SecretariatOnlyForPeople) as refused:
        role_grant(actor=sato, role=PlatformRole.SECRETARIAT, organization=org)
    assert refused.value.message == messages.SECRETARIAT_ONLY_FOR_PEOPLE
    assert not RoleAssignment.objects.filter(organization=org).exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("holders", ["none", "both"])
def test_exactly_one_holder_is_required(sato, suzuki, holders):
    kwargs = {} if holders == "none" else {"user": suzuki, "organization": OrganizationFactory()}
    with pytest.raises(HolderRequired):
        role_grant(actor=sato, role=PlatformRole.PLAYER, **kwargs)
    with pytest.raises(HolderRequired):
        role_revoke(actor=sato, role=PlatformRole.PLAYER, **kwargs)
    assert not RoleAssignment.objects.filter(role=PlatformRole.PLAYER).exists()


@pytest.mark.parametrize("role", ["admin", "", "SECRETARIAT"])
def test_unknown_roles_are_refused(sato, suzuki, role):
    with pytest.raises(UnknownRole):
        role_grant(actor=sato, role=role, user=suzuki)
    assert not RoleAssignment.objects.filter(user=suzuki).exists()


def test_granting_the_secretariat_takes_effect_on_the_same_user_object(sato, suzuki):
    assert not is_secretariat(suzuki)  # caches "no roles" on this object
    role_grant(actor=sato, role=PlatformRole.SECRETARIAT, user=suzuki)
    assert is_secretariat(suzuki)
    role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=suzuki)
    assert not is_secretariat(suzuki)


# --- the last secretariat ---------------------------------------------------------------------


def test_the_only_secretariat_cannot_revoke_themselves(sato):
    with pytest.raises(LastSecretariat) as refused:
        role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=sato)
    assert refused.value.message == messages.LAST_SECRETARIAT
    assert is_secretariat(sato)
    assert not AuditEvent.objects.exists()


def test_not_even_a_superuser_can_remove_the_last_secretariat(sato):
    root = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(LastSecretariat):
        role_revoke(actor=root, role=PlatformRole.SECRETARIAT, user=sato)
    assert RoleAssignment.objects.filter(user=sato, role=PlatformRole.SECRETARIAT).exists()


def test_with_two_secretariat_members_one_may_go_but_not_the_second(sato):
    tanaka = make_secretariat(display_name="田中（事務局）")

    assert role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=tanaka) is True
    with pytest.raises(LastSecretariat):
        role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=sato)
    assert list(
        RoleAssignment.objects.filter(role=PlatformRole.SECRETARIAT).values_list("user", flat=True)
    ) == [sato.pk]


def test_a_secretariat_member_may_step_down_when_another_remains(sato):
    make_secretariat()
    assert role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=sato) is True
    assert not is_secretariat(sato)


@pytest.mark.parametrize("state", ["inactive", "deleted"])
def test_a_secretariat_holder_who_cannot_sign_in_does_not_count(sato, state):
    from django.utils import timezone

    gone = make_secretariat()
    if state == "inactive":
        gone.is_active = False
    else:
        gone.deleted_at = timezone.now()
    gone.save()

    with pytest.raises(LastSecretariat):
        role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=sato)
    # ...but the holder who cannot sign in may lose the role.
    assert role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=gone) is True


def test_revoking_the_secretariat_from_someone_without_it_is_a_no_op(sato, suzuki):
    assert role_revoke(actor=sato, role=PlatformRole.SECRETARIAT, user=suzuki) is False
    assert not AuditEvent.objects.exists()
