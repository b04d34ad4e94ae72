"""Who is hub staff: the owners and admins of the organization that runs the hub."""

from __future__ import annotations

import pytest
from django.http import Http404

from kyoso.hubs.selectors import hub_get_by_slug, hubs_for_staff, is_hub_staff
from kyoso.hubs.tests.factories import HubFactory
from kyoso.orgs.models import MemberRole
from kyoso.orgs.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_admins_and_owners_are_staff_members_are_not(hub, hub_staff, hub_org, suzuki, takahashi):
    MembershipFactory(organization=hub_org, user=suzuki, role=MemberRole.MEMBER)
    assert is_hub_staff(hub, hub_staff)
    assert not is_hub_staff(hub, suzuki)
    assert not is_hub_staff(hub, takahashi)
    assert list(hubs_for_staff(hub_staff)) == [hub]
    assert list(hubs_for_staff(suzuki)) == []


def test_staff_of_one_hub_is_not_staff_of_another(hub, hub_staff):
    other = HubFactory()
    assert not is_hub_staff(other, hub_staff)
    assert hub_staff.has_perm("hubs.change_hub", hub)
    assert not hub_staff.has_perm("hubs.change_hub", other)


def test_hub_by_slug_carries_its_active_spaces(hub, room, desks):
    desks.active = False
    desks.save()
    found = hub_get_by_slug("sendai")
    assert found.active_spaces == [room]
    with pytest.raises(Http404):
        hub_get_by_slug("nowhere")
