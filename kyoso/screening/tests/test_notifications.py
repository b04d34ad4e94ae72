"""A reviewer is told when they are added to a round and when an item arrives in it (the type
``screening.reviews``, 審査の担当, in everyone's notification settings)."""

from __future__ import annotations

from django.urls import reverse

from kyoso.notifications.models import Notification
from kyoso.notifications.types import type_keys
from kyoso.screening import services


def test_added_reviewers_and_arriving_items_are_notified(round, reviewer, decider, adapter):
    added = Notification.objects.filter(kind="screening.reviewer_added")
    assert set(added.values_list("recipient_id", flat=True)) >= {reviewer.pk, decider.pk}
    note = added.get(recipient=reviewer)
    assert round.title in note.text and note.url == reverse("screening:round", args=[round.pk])
    services.item_add(round=round, subject_id=101)
    arrived = Notification.objects.filter(kind="screening.item_added", recipient=reviewer)
    assert arrived.count() == 1
    services.item_add(round=round, subject_id=101)  # idempotent: no second notice
    assert arrived.count() == 1


def test_the_type_is_registered():
    assert "screening.reviews" in type_keys()
