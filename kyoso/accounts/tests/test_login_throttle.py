from unittest import mock

import pytest
from django.urls import reverse

from kyoso.accounts import messages
from kyoso.accounts.services import security
from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.audit.models import AuditEvent

LOGIN = "accounts:login"


def _attempt(client, email, password):
    return client.post(reverse(LOGIN), {"email": email, "password": password})


@pytest.fixture
def clock():
    now = [1_800_000_000.0]
    with mock.patch.object(security.time, "time", side_effect=lambda: now[0]):
        yield now


def test_wrong_password_gets_a_generic_message_and_an_audit_row(client, suzuki):
    response = _attempt(client, suzuki.email, "wrong-password")

    assert response.status_code == 200
    assert str(messages.LOGIN_INVALID) in response.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.target_id == str(suzuki.pk)
    assert event.ip_address == "127.0.0.1"


def test_five_failures_within_a_minute_block_even_the_right_password(client, suzuki, clock):
    for _ in range(5):
        _attempt(client, suzuki.email, "wrong-password")
        clock[0] += 5

    response = _attempt(client, suzuki.email, DEFAULT_PASSWORD)

    assert response.status_code == 429
    body = response.content.decode()
    assert str(messages.LOGIN_THROTTLED % {"seconds": 36}) in body
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_THROTTLED).count() == 1


def test_four_failures_do_not_block(client, suzuki, clock):
    for _ in range(4):
        _attempt(client, suzuki.email, "wrong-password")
    response = _attempt(client, suzuki.email, DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(suzuki.pk)


def test_failures_spread_over_more_than_a_minute_do_not_block(client, suzuki, clock):
    for _ in range(5):
        _attempt(client, suzuki.email, "wrong-password")
        clock[0] += 15  # 5 failures across 75 seconds: never 5 inside one minute
    response = _attempt(client, suzuki.email, DEFAULT_PASSWORD)
    assert response.status_code == 302


def test_block_lifts_after_the_window(client, suzuki, clock):
    for _ in range(5):
        _attempt(client, suzuki.email, "wrong-password")
    clock[0] += 61
    response = _attempt(client, suzuki.email, DEFAULT_PASSWORD)
    assert response.status_code == 302


def test_throttle_is_per_account_and_case_insensitive(client, suzuki, takahashi, clock):
    for _ in range(5):
        _attempt(client, "SUZUKI@example.jp", "wrong-password")

    assert _attempt(client, suzuki.email, DEFAULT_PASSWORD).status_code == 429
    assert _attempt(client, takahashi.email, DEFAULT_PASSWORD).status_code == 302


def test_login_redirects_only_to_own_site(client, suzuki):
    response = client.post(
        reverse(LOGIN) + "?next=https://evil.example/",
        {"email": suzuki.email, "password": DEFAULT_PASSWORD},
    )
    assert response["Location"] == reverse("core:home")


def test_deleted_accounts_cannot_sign_in(client, suzuki):
    from kyoso.accounts.services.privacy import user_delete

    email = suzuki.email
    user_delete(actor=suzuki, user=suzuki)
    response = _attempt(client, email, DEFAULT_PASSWORD)
    assert str(messages.LOGIN_INVALID) in response.content.decode()
