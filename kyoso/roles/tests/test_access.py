"""Who may open the roles pages and send their forms: role × action."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.roles.models import PlatformRole, RoleAssignment

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}


def _assert_denied(response, persona, url):
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ["roles:index", "roles:secretariat"])
def test_pages(client, sato, login_as, persona, url_name):
    login_as(persona)
    url = reverse(url_name)
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
    else:
        _assert_denied(response, persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_grant(client, sato, suzuki, login_as, persona):
    login_as(persona)
    url = reverse("roles:grant")
    response = client.post(url, {"role": PlatformRole.MANAGER, "email": suzuki.email})
    held = RoleAssignment.objects.filter(user=suzuki, role=PlatformRole.MANAGER).exists()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert response["Location"] == reverse("roles:index")
        assert held
    else:
        _assert_denied(response, persona, url)
        assert not held
        assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_GRANTED).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_grant_the_secretariat_to_oneself(client, sato, login_as, persona):
    """Nobody without the right can make themselves secretariat."""
    user = login_as(persona)
    if user is None:
        user = UserFactory()
    url = reverse("roles:grant")
    response = client.post(url, {"role": PlatformRole.SECRETARIAT, "email": user.email})
    if persona in ALLOWED:
        assert response.status_code == 302
    else:
        _assert_denied(response, persona, url)
        assert not RoleAssignment.objects.filter(user=user).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_revoke(client, sato, suzuki, login_as, persona):
    RoleAssignment.objects.create(user=suzuki, role=PlatformRole.PLAYER)
    login_as(persona)
    url = reverse("roles:revoke")
    response = client.post(url, {"role": PlatformRole.PLAYER, "user": suzuki.pk})
    held = RoleAssignment.objects.filter(user=suzuki, role=PlatformRole.PLAYER).exists()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert not held
    else:
        _assert_denied(response, persona, url)
        assert held


@pytest.mark.parametrize("persona", PERSONAS)
def test_revoke_the_secretariat_of_sato(client, sato, login_as, persona):
    """An unauthorised person cannot strip the secretariat even when another one remains."""
    UserFactory()  # a bystander
    RoleAssignment.objects.create(user=UserFactory(), role=PlatformRole.SECRETARIAT)
    login_as(persona)
    url = reverse("roles:revoke")
    response = client.post(url, {"role": PlatformRole.SECRETARIAT, "user": sato.pk})
    held = RoleAssignment.objects.filter(user=sato, role=PlatformRole.SECRETARIAT).exists()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert not held
    else:
        _assert_denied(response, persona, url)
        assert held


@pytest.mark.parametrize("url_name", ["roles:grant", "roles:revoke"])
def test_the_forms_only_accept_post(client, sato, url_name):
    client.force_login(sato)
    assert client.get(reverse(url_name)).status_code == 405


def test_a_deactivated_secretariat_member_is_refused(client, sato):
    RoleAssignment.objects.create(user=UserFactory(), role=PlatformRole.SECRETARIAT)
    client.force_login(sato)
    sato.is_active = False
    sato.save()
    response = client.get(reverse("roles:index"))
    # Django signs an inactive user out, so the page asks to log in again.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
