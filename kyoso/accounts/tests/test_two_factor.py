from unittest import mock

import pyotp
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts import messages
from kyoso.accounts.models import TOTPDevice
from kyoso.accounts.services import security
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.audit.models import AuditEvent
from kyoso.sitepages.models import SiteSettings


def _enable(client, user) -> TOTPDevice:
    client.force_login(user)
    client.post(reverse("accounts:totp_start"))
    device = TOTPDevice.objects.get(user=user)
    client.post(reverse("accounts:totp_confirm"), {"code": pyotp.TOTP(device.secret).now()})
    device.refresh_from_db()
    return device


def test_setting_up_shows_a_qr_code_and_a_right_code_enables(client, suzuki):
    client.force_login(suzuki)
    client.post(reverse("accounts:totp_start"))
    page = client.get(reverse("accounts:security")).content.decode()
    assert "<svg" in page

    device = _enable(client, suzuki)

    assert device.is_confirmed
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.TWO_FACTOR_ENABLED, target_id=str(suzuki.pk)
    ).exists()


def test_wrong_code_does_not_enable(client, suzuki):
    client.force_login(suzuki)
    client.post(reverse("accounts:totp_start"))
    response = client.post(reverse("accounts:totp_confirm"), {"code": "000000"}, follow=True)
    assert str(messages.TOTP_INVALID) in response.content.decode()
    assert not TOTPDevice.objects.get(user=suzuki).is_confirmed


def test_login_with_totp_asks_for_the_code_before_signing_in(client, suzuki):
    device = _enable(client, suzuki)
    client.logout()

    response = client.post(
        reverse("accounts:login"), {"email": suzuki.email, "password": DEFAULT_PASSWORD}
    )
    assert response["Location"] == reverse("accounts:login_2fa")
    assert "_auth_user_id" not in client.session

    wrong = client.post(reverse("accounts:login_2fa"), {"code": "123456"})
    assert str(messages.TOTP_INVALID) in wrong.content.decode()
    assert "_auth_user_id" not in client.session

    later = timezone.now() + timezone.timedelta(seconds=60)
    with mock.patch("django.utils.timezone.now", return_value=later):
        code = pyotp.TOTP(device.secret).at(later)
        client.post(reverse("accounts:login_2fa"), {"code": code})
    assert client.session["_auth_user_id"] == str(suzuki.pk)


def test_a_code_is_never_accepted_twice(suzuki):
    device = security.totp_device_start(user=suzuki)
    code = pyotp.TOTP(device.secret).now()
    assert security.totp_verify(device=device, code=code)
    assert not security.totp_verify(device=device, code=code)


def test_the_2fa_step_expires(client, suzuki):
    _enable(client, suzuki)
    client.logout()
    client.post(reverse("accounts:login"), {"email": suzuki.email, "password": DEFAULT_PASSWORD})
    session = client.session
    session["kyoso_pending_2fa"]["at"] -= 301
    session.save()
    response = client.get(reverse("accounts:login_2fa"))
    assert response["Location"] == reverse("accounts:login")


def test_site_policy_sends_secretariat_without_2fa_to_set_up(client, sato, suzuki):
    SiteSettings.objects.update_or_create(
        singleton=True, defaults={"require_two_factor_for_staff": True}
    )

    client.force_login(sato)
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:security")
    assert client.get(reverse("accounts:security")).status_code == 200

    client.force_login(suzuki)  # a citizen is not staff: no requirement
    assert client.get(reverse("core:home")).status_code == 200


def test_secretariat_with_2fa_passes_and_cannot_disable_it_while_required(client, sato):
    device = _enable(client, sato)
    SiteSettings.objects.update_or_create(
        singleton=True, defaults={"require_two_factor_for_staff": True}
    )

    assert client.get(reverse("core:home")).status_code == 200
    response = client.post(
        reverse("accounts:totp_disable"), {"code": pyotp.TOTP(device.secret).now()}, follow=True
    )
    assert str(messages.TOTP_CANNOT_DISABLE) in response.content.decode()
    assert TOTPDevice.objects.filter(user=sato).exists()


def test_wrong_codes_at_sign_in_are_throttled_like_passwords(client, suzuki):
    device = _enable(client, suzuki)
    client.logout()
    client.post(reverse("accounts:login"), {"email": suzuki.email, "password": DEFAULT_PASSWORD})
    for _ in range(5):
        client.post(reverse("accounts:login_2fa"), {"code": "000000"})

    right = pyotp.TOTP(device.secret).at(timezone.now() + timezone.timedelta(seconds=30))
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timezone.timedelta(seconds=30)
    ):
        response = client.post(reverse("accounts:login_2fa"), {"code": right})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
