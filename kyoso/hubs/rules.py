"""Rules of the hubs app (``hubs.<verb>_<model>``), registered by register().

Hub staff are the owners and admins of the organization that runs the hub
(:func:`kyoso.hubs.selectors.is_hub_staff`). Who may do what:

- see a hub and its active spaces: everyone;
- change a hub, its spaces, opening hours and closures, see its bookings, decide approval
  requests, check people in and mark no-shows: its staff;
- book a space: as the space says (everyone signed in, members, staff only);
- see and cancel a booking: its person and the hub's staff;
- add a hub: the owners and admins of an organization (staff of the hub to be).
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.hubs.models import Hub, Space
from kyoso.hubs.selectors import is_hub_staff


def hub_of(obj: Any) -> Hub | None:
    if isinstance(obj, Hub):
        return obj
    if isinstance(obj, Space):
        return obj.hub
    hub = getattr(obj, "hub", None)
    if isinstance(hub, Hub):
        return hub
    space = getattr(obj, "space", None)
    if isinstance(space, Space):
        return space.hub
    return None


@rules.predicate
def is_staff_of_hub(user, obj) -> bool:
    return is_hub_staff(hub_of(obj), user)


@rules.predicate
def is_hub(user, obj) -> bool:
    return isinstance(obj, Hub)


@rules.predicate
def manages_organization(user, obj) -> bool:
    from kyoso.orgs.models import Organization
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    return isinstance(obj, Organization) and role_in(user, obj) in MANAGER_ROLES


@rules.predicate
def is_booking(user, obj) -> bool:
    from kyoso.hubs.models import Booking

    return isinstance(obj, Booking)


@rules.predicate
def is_booker(user, obj) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(obj, "user_id", None) is not None
        and obj.user_id == user.pk
    )


@rules.predicate
def may_book_space(user, obj) -> bool:
    from kyoso.hubs.selectors import may_book

    return isinstance(obj, Space) and may_book(user, obj)


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm("hubs.view_hub", rules.always_allow)
    rules.set_perm("hubs.add_hub", manages_organization)
    rules.set_perm("hubs.change_hub", is_hub & is_staff_of_hub)
    rules.set_perm("hubs.change_space", is_staff_of_hub)
    rules.set_perm("hubs.staff_hub", is_staff_of_hub)
    rules.set_perm("hubs.book_space", may_book_space)
    rules.set_perm("hubs.view_booking", is_booking & (is_booker | is_staff_of_hub))
    rules.set_perm("hubs.cancel_booking", is_booking & (is_booker | is_staff_of_hub))
    rules.set_perm("hubs.decide_booking", is_booking & is_staff_of_hub)
