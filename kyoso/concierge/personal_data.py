"""What the concierge app holds about one person: data download and erasure.

On deletion the consultations they booked or were recorded in are **kept** but emptied of every
text (topic, what was asked and advised, the follow-up note) and of the related issue and
organization, still pointing at the account row that the accounts app empties; the
introductions stay as anonymous ties. So the figures (consultations by theme, unique people,
introductions made, the share followed up) do not change after someone leaves, and nothing left
names them. Their concierge roles are removed; slots they offered that nobody booked go.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from kyoso.concierge.models import Concierge, Consultation, Introduction, Slot


def export(user: Any) -> dict[str, Any]:
    consultations = (
        Consultation.objects.filter(person_id=user.pk)
        .select_related("hub")
        .prefetch_related("status_changes")
        .order_by("starts_at", "id")
    )
    introductions = Introduction.objects.filter(
        Q(from_person_id=user.pk) | Q(to_person_id=user.pk)
    ).order_by("introduced_on", "id")
    return {
        "consultations": [
            {
                "id": c.pk,
                "hub": c.hub.name,
                "starts_at": c.starts_at,
                "minutes": c.minutes,
                "topic": c.topic,
                "themes": c.themes,
                "status": c.status,
                "follow_up_on": c.follow_up_on,
                "follow_up_note": c.follow_up_note,
                "history": [
                    {"from": s.from_status, "to": s.to_status, "reason": s.reason, "at": s.at}
                    for s in c.status_changes.all()
                ],
            }
            for c in consultations
        ],
        "introductions": [
            {
                "introduced_on": i.introduced_on,
                "from_person": i.from_person_id,
                "to_person": i.to_person_id,
                "to_organization": i.to_organization_id,
            }
            for i in introductions
        ],
        "concierge_of_hubs": list(
            Concierge.objects.filter(user_id=user.pk).values_list("hub_id", flat=True)
        ),
    }


def erase(user: Any) -> None:
    Consultation.objects.filter(person_id=user.pk).update(
        topic="",
        asked="",
        advised="",
        follow_up_note="",
        walk_in_name="",
        issue=None,
        organization=None,
    )
    Concierge.objects.filter(user_id=user.pk).delete()
    from kyoso.concierge.selectors import forget_concierges

    transaction.on_commit(forget_concierges)
    Slot.objects.filter(concierge_id=user.pk, consultations__isnull=True).delete()
