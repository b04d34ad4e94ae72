"""Site settings: only the secretariat changes them; requiring 2FA takes effect at once."""

from __future__ import annotations

import pyotp
import pytest
from django.urls import reverse
from django.utils.html import escape

from kyoso.accounts import messages as account_messages
from kyoso.accounts.models import TOTPDevice
from kyoso.accounts.tests.factories import make_secretariat
from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.sitepages.models import SiteSettings

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}
REQUIRE = {"site_name": "Kyoso 仙台", "require_two_factor_for_staff": "on"}
RELAX = {"site_name": "Kyoso 仙台"}  # an unticked checkbox is simply absent


def _enable_totp(client, user) -> None:
    client.force_login(user)
    client.post(reverse("accounts:totp_start"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:totp_confirm"), {"code": pyotp.TOTP(device.secret).now()})
    assert TOTPDevice.objects.get(user=user).is_confirmed


def _required() -> bool:
    row = SiteSettings.objects.filter(singleton=True).first()
    return bool(row and row.require_two_factor_for_staff)


@pytest.mark.parametrize("persona", PERSONAS)
def test_open_the_settings(client, login_as, persona):
    login_as(persona)
    url = reverse("sitepages:settings")
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
        assert 'name="require_two_factor_for_staff"' in response.content.decode()
    elif persona == "anonymous":
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_change_the_settings(client, login_as, persona):
    user = login_as(persona)
    url = reverse("sitepages:settings")
    response = client.post(url, REQUIRE)
    if persona in ALLOWED:
        assert response.status_code == 302
        assert _required()
        [event] = AuditEvent.objects.filter(action=AuditEvent.Action.SETTINGS_CHANGED)
        assert event.actor == user
        assert event.data == {
            "before": {"site_name": "Kyoso", "require_two_factor_for_staff": False},
            "after": {"site_name": "Kyoso 仙台", "require_two_factor_for_staff": True},
        }
    else:
        assert response.status_code in {302, 403}
        if persona != "anonymous":
            assert response.status_code == 403
        assert not _required()
        assert not SiteSettings.objects.exists()
        assert not AuditEvent.objects.exists()


def test_requiring_2fa_sends_the_secretariat_without_it_to_set_up(client, sato, suzuki):
    client.force_login(sato)
    response = client.post(reverse("sitepages:settings"), REQUIRE)
    assert response["Location"] == reverse("sitepages:settings")

    for name in ("sitepages:settings", "roles:secretariat", "audit:list", "core:home"):
        blocked = client.get(reverse(name))
        assert blocked.status_code == 302, name
        assert blocked["Location"] == reverse("accounts:security")
    page = client.get(reverse("accounts:security"))
    assert page.status_code == 200
    assert escape(str(account_messages.TOTP_REQUIRED_FOR_STAFF)) in page.content.decode()

    # A citizen is not staff: nothing changes for them.
    client.force_login(suzuki)
    assert client.get(reverse("core:home")).status_code == 200


def test_once_set_up_the_secretariat_gets_through(client, sato):
    client.force_login(sato)
    client.post(reverse("sitepages:settings"), REQUIRE)
    _enable_totp(client, sato)
    assert client.get(reverse("roles:secretariat")).status_code == 200


def test_turning_the_requirement_off_releases_the_others(client, sato):
    tanaka = make_secretariat(display_name="田中（事務局）")
    _enable_totp(client, sato)
    client.post(reverse("sitepages:settings"), REQUIRE)

    client.force_login(tanaka)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:security")

    client.force_login(sato)
    client.post(reverse("sitepages:settings"), RELAX)
    assert not _required()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.SETTINGS_CHANGED).count() == 2

    client.force_login(tanaka)
    assert client.get(reverse("core:home")).status_code == 200


def test_a_blank_site_name_is_refused_and_nothing_changes(client, sato):
    client.force_login(sato)
    response = client.post(
        reverse("sitepages:settings"), {"site_name": "", "require_two_factor_for_staff": "on"}
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not _required()
    assert not AuditEvent.objects.exists()


def test_settings_page_query_count(client, sato):
    SiteSettings.objects.create()
    client.force_login(sato)
    # 1 session, 2 user, 3 roles of sato (2FA middleware; cached for the rule),
    # 4 site settings (2FA middleware), 5 site settings (the form)
    with assert_num_queries(5):
        assert client.get(reverse("sitepages:settings")).status_code == 200
