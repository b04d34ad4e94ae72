from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts import messages
from kyoso.accounts.services.registration import verification_token
from kyoso.accounts.tests.factories import UserFactory


@pytest.fixture
def unverified(db):
    return UserFactory(email="new@example.jp", email_verified_at=None)


def test_link_verifies_the_address(client, unverified):
    response = client.get(reverse("accounts:verify_email", args=[verification_token(unverified)]))

    unverified.refresh_from_db()
    assert response.status_code == 200
    assert str(messages.VERIFICATION_DONE) in response.content.decode()
    assert unverified.email_verified_at is not None


def test_tampered_token_is_refused(client, unverified):
    token = verification_token(unverified)[:-2] + "xx"
    response = client.get(reverse("accounts:verify_email", args=[token]))

    unverified.refresh_from_db()
    assert response.status_code == 400
    assert str(messages.VERIFICATION_INVALID) in response.content.decode()
    assert unverified.email_verified_at is None


def test_token_dies_when_the_address_changes(client, unverified):
    token = verification_token(unverified)
    unverified.email = "other@example.jp"
    unverified.save()

    response = client.get(reverse("accounts:verify_email", args=[token]))

    unverified.refresh_from_db()
    assert response.status_code == 400
    assert unverified.email_verified_at is None


def test_token_expires_after_three_days(client, unverified):
    token = verification_token(unverified)
    later = timezone.now() + timedelta(days=3, minutes=1)
    with mock.patch.object(signing.time, "time", return_value=later.timestamp()):
        response = client.get(reverse("accounts:verify_email", args=[token]))

    assert response.status_code == 400


def test_verified_member_rule_needs_verification(unverified):
    from kyoso.core.policy import check

    assert not check("accounts.verified_member", unverified)
    unverified.email_verified_at = timezone.now()
    assert check("accounts.verified_member", unverified)


def test_resend_sends_a_new_link_only_when_unverified(
    client, unverified, suzuki, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(unverified)
        client.post(reverse("accounts:resend_verification"))
        client.force_login(suzuki)
        client.post(reverse("accounts:resend_verification"))

    assert [m.to for m in mail.outbox] == [["new@example.jp"]]
