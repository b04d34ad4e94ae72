"""What the events app writes to the audit log is shown with a label, in Japanese and English."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kyoso.audit.models import AuditEvent
from kyoso.events.services import events as services
from kyoso.events.services.ideas import AUDIT_ROUND
from kyoso.events.services.minutes import AUDIT_PUBLISHED, AUDIT_UNPUBLISHED
from kyoso.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db

EVENT_ACTIONS = [a for a in AuditEvent.Action if a.value.startswith(("event.", "events."))]


def test_the_audit_log_shows_the_label_of_an_event_action(client, sato):
    event = EventFactory(created_by=sato)
    services.event_cancel(actor=sato, event=event, reason="台風のため")
    row = AuditEvent.objects.get(target_id=str(event.pk))
    assert row.action == AuditEvent.Action.EVENT_CANCELLED
    client.force_login(sato)

    japanese = client.get(reverse("audit:list")).content.decode()
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("audit:list")).content.decode()
    translation.deactivate()

    assert "<td>イベントの中止</td>" in japanese
    assert "<td>Event cancelled</td>" in english
    assert "events.cancel</td>" not in japanese + english


def test_the_values_stay_what_earlier_rows_were_written_with():
    """Audit rows are never updated, so a label is added without changing a stored value."""
    assert AuditEvent.Action.EVENT_CREATED == "events.create"
    assert AuditEvent.Action.EVENT_IMPORTED == "event.import"
    assert (AUDIT_PUBLISHED, AUDIT_UNPUBLISHED, AUDIT_ROUND) == (
        "event.minutes_published",
        "event.minutes_unpublished",
        "event.idea_round_changed",
    )


@pytest.mark.parametrize("action", EVENT_ACTIONS, ids=lambda a: a.value)
def test_every_event_action_has_an_english_label(action):
    with translation.override("en"):
        label = str(action.label)
    assert label and label.isascii(), label
