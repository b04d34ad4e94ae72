"""A failed sign-in leaves an audit event."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_wrong_password_writes_a_login_failed_event(client, suzuki):
    response = client.post(
        reverse("accounts:login"),
        {"email": suzuki.email, "password": "wrong-password-123"},
        REMOTE_ADDR="198.51.100.7",
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    [event] = AuditEvent.objects.all()
    assert event.action == AuditEvent.Action.LOGIN_FAILED
    assert event.actor is None
    assert (event.target_type, event.target_id) == ("accounts.user", str(suzuki.pk))
    assert event.ip_address == "198.51.100.7"
    assert event.data == {}


def test_unknown_account_is_recorded_without_the_address(client, db):
    client.post(reverse("accounts:login"), {"email": "ghost@example.jp", "password": "x" * 12})
    [event] = AuditEvent.objects.all()
    assert event.action == AuditEvent.Action.LOGIN_FAILED
    assert event.data == {"unknown_account": True}
    assert "ghost" not in str(event.data) + event.target_label


def test_a_successful_login_writes_no_failure(client, suzuki):
    client.post(reverse("accounts:login"), {"email": suzuki.email, "password": DEFAULT_PASSWORD})
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED).exists()
