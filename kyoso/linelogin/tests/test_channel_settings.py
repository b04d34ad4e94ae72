"""The secretariat sets up the LINE channel; the secret is kept, masked and audited."""

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.core.testing import assert_num_queries
from kyoso.linelogin import messages, services
from kyoso.linelogin.models import LineChannel

pytestmark = pytest.mark.django_db

SECRET = "fedcba9876543210fedcba9876543210"


def test_only_the_secretariat_may_open_it(client, suzuki):
    client.force_login(suzuki)
    assert client.get(reverse("linelogin:channel")).status_code == 403


def test_save_masks_and_audits_the_secret(client, sato):
    client.force_login(sato)
    response = client.post(
        reverse("linelogin:channel"),
        {"enabled": "on", "channel_id": "1234567890", "channel_secret": SECRET},
    )
    assert response.status_code == 302
    row = LineChannel.objects.get()
    assert (row.enabled, row.channel_id, row.channel_secret) == (True, "1234567890", SECRET)
    page = client.get(reverse("linelogin:channel")).content.decode()
    assert SECRET not in page
    assert "3210" in page  # the last four characters, to recognise it
    event = AuditEvent.objects.get(action=services.CHANNEL_CHANGED)
    assert event.data["secret_changed"] is True
    assert SECRET not in str(event.data)

    # An empty secret keeps the stored one.
    client.post(reverse("linelogin:channel"), {"enabled": "on", "channel_id": "1234567890"})
    assert LineChannel.objects.get().channel_secret == SECRET
    last = AuditEvent.objects.filter(action=services.CHANNEL_CHANGED).order_by("-id").first()
    assert last.data["secret_changed"] is False


def test_turning_on_without_a_secret_or_with_a_bad_id_is_refused(client, sato):
    client.force_login(sato)
    response = client.post(reverse("linelogin:channel"), {"enabled": "on", "channel_id": "12"})
    assert str(messages.LINE_SECRET_REQUIRED) in response.content.decode()
    response = client.post(
        reverse("linelogin:channel"), {"channel_id": "abc", "channel_secret": SECRET}
    )
    assert str(messages.LINE_CHANNEL_ID_INVALID) in response.content.decode()
    assert not LineChannel.objects.exists()


def test_the_page_in_english(client, sato):
    client.force_login(sato)
    client.cookies["kyoso_language"] = "en"
    assert client.get(reverse("linelogin:channel")).status_code == 200


def test_channel_page_queries(client, sato):
    client.force_login(sato)
    # 1 session, 2 user, 3 roles (secretariat), 4 site settings (2FA policy), 5 the channel
    with assert_num_queries(5):
        assert client.get(reverse("linelogin:channel")).status_code == 200


def test_connection_page_queries(client, suzuki):
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles, 4 the person's LINE account, 5 the channel
    with assert_num_queries(5):
        assert client.get(reverse("linelogin:connection")).status_code == 200
