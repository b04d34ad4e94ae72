"""Who may read and export the audit log: role × action, and the read-only admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.accounts.tests.factories import UserFactory
from kyoso.audit.models import AuditEvent
from kyoso.audit.tests.factories import make_event

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("url_name", ["audit:list", "audit:export"])
def test_audit_pages(client, sato, login_as, persona, url_name):
    make_event(AuditEvent.Action.ROLE_GRANTED, actor=sato)
    login_as(persona)
    url = reverse(url_name)
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    else:
        assert response.status_code == 403
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED).exists()
    assert exported == (persona in ALLOWED and url_name == "audit:export")


# --- Django admin: readable by the same people, never writable --------------------------


@pytest.fixture
def staff_secretariat(client, sato):
    sato.is_staff = True
    sato.save()
    client.force_login(sato)
    return client


def test_admin_lists_events_for_the_secretariat(staff_secretariat, sato):
    make_event(AuditEvent.Action.ROLE_GRANTED, actor=sato)
    response = staff_secretariat.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 200
    assert "役割の付与" in response.content.decode()


def test_admin_detail_is_read_only(staff_secretariat, sato):
    event = make_event(AuditEvent.Action.ROLE_GRANTED, actor=sato)
    url = reverse("admin:audit_auditevent_change", args=[event.pk])
    page = staff_secretariat.get(url)
    assert page.status_code == 200
    assert 'name="action"' not in page.content.decode()
    assert staff_secretariat.post(url, {"action": "role.revoked"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == AuditEvent.Action.ROLE_GRANTED


@pytest.mark.parametrize("persona", ["staff_secretariat", "superuser"])
def test_admin_cannot_add_or_delete(client, sato, login_as, request, persona):
    if persona == "superuser":
        login_as("superuser")
    else:
        request.getfixturevalue("staff_secretariat")
    event = make_event(AuditEvent.Action.ROLE_GRANTED, actor=sato)
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    delete_url = reverse("admin:audit_auditevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:audit_auditevent_changelist")
    bulk = client.post(changelist, {"action": "delete_selected", "_selected_action": [event.pk]})
    assert bulk.status_code in {200, 302}
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_staff_without_the_rule_cannot_read_the_admin_log(client):
    clerk = UserFactory(is_staff=True)
    client.force_login(clerk)
    response = client.get(reverse("admin:audit_auditevent_changelist"))
    assert response.status_code == 403
