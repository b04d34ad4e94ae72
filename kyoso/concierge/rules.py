"""Rules of the concierge app (``concierge.<verb>_<model>``), registered by register().

Concierges of a hub are the people its staff marked (:class:`~kyoso.concierge.models.Concierge`);
hub staff are the owners and admins of the hub's organization
(:func:`kyoso.hubs.selectors.is_hub_staff`); the secretariat holds the 事務局 platform role
(:func:`kyoso.roles.selectors.is_secretariat`). Who may do what
(``tests/test_permissions.py`` enumerates this table):

- mark and unmark the concierges of a hub: its staff and the secretariat;
- offer a slot: the hub's concierges; book a slot: any signed-in person with a verified address
  (the service refuses one's own, a taken or a past slot);
- record a walk-in: the hub's concierges and staff;
- see a consultation (when, topic, status, the follow-up addressed to them): the person who
  consulted, the hub's concierges and the secretariat; everyone else gets a 404;
- read the private record (asked, advised, introductions): the hub's concierges and the
  secretariat only (not the person, not the hub's other staff);
- write the record, add introductions, mark the follow-up done: the hub's concierges;
- move the status: the hub's concierges; the person may only cancel a booking (service table);
- see the hub's figures: its staff, its concierges and the secretariat.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.hubs.models import Hub
from kyoso.hubs.selectors import is_hub_staff

#: Attribute where the first rule asked keeps (viewer id, concierge?) on the hub.
VIEWER_CONCIERGE = "_viewer_concierge"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_concierge_of(hub: Hub | None, user: Any) -> bool:
    """Whether ``user`` is a concierge of ``hub`` (one query, then kept for the request)."""
    if hub is None or hub.pk is None or not _authenticated(user):
        return False
    kept = getattr(hub, VIEWER_CONCIERGE, None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    from kyoso.concierge.models import Concierge

    answer = Concierge.objects.filter(hub_id=hub.pk, user_id=user.pk).exists()
    setattr(hub, VIEWER_CONCIERGE, (user.pk, answer))
    return answer


def hub_of(obj: Any) -> Hub | None:
    if isinstance(obj, Hub):
        return obj
    hub = getattr(obj, "hub", None)
    return hub if isinstance(hub, Hub) else None


verified_member = is_active_member & is_email_verified
secretariat = is_secretariat_member


@rules.predicate
def is_hub(user, obj) -> bool:
    return isinstance(obj, Hub)


@rules.predicate
def is_slot(user, obj) -> bool:
    from kyoso.concierge.models import Slot

    return isinstance(obj, Slot)


@rules.predicate
def is_consultation(user, obj) -> bool:
    from kyoso.concierge.models import Consultation

    return isinstance(obj, Consultation)


@rules.predicate
def concierge_of_hub(user, obj) -> bool:
    return is_concierge_of(hub_of(obj), user)


@rules.predicate
def staff_of_hub(user, obj) -> bool:
    return is_hub_staff(hub_of(obj), user)


@rules.predicate
def is_person(user, obj) -> bool:
    return _authenticated(user) and getattr(obj, "person_id", None) == user.pk


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm("concierge.manage_concierges", is_hub & (staff_of_hub | secretariat))
    rules.set_perm("concierge.add_slot", is_hub & concierge_of_hub)
    rules.set_perm("concierge.book_slot", verified_member & is_slot)
    rules.set_perm("concierge.record_walk_in", is_hub & (concierge_of_hub | staff_of_hub))
    rules.set_perm(
        "concierge.view_consultation",
        is_consultation & (is_person | concierge_of_hub | secretariat),
    )
    rules.set_perm("concierge.view_record", is_consultation & (concierge_of_hub | secretariat))
    rules.set_perm("concierge.write_record", is_consultation & concierge_of_hub)
    rules.set_perm("concierge.move_consultation", is_consultation & (concierge_of_hub | is_person))
    rules.set_perm(
        "concierge.view_figures", is_hub & (staff_of_hub | concierge_of_hub | secretariat)
    )
