"""What every write of the missions app shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from kyoso.core.policy import check
from kyoso.missions.models import Mission
from kyoso.search.services import index_on_commit


class MissionError(Exception):
    """A refusal with a message the person can act on (shown as is); ``code`` names it for
    the API's error format."""

    def __init__(self, message: Any, code: str = "refused") -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


def require(rule: str, actor: Any, obj: Any = None) -> None:
    """Services check their rule again: a forged request must not get past by calling them."""
    if not check(rule, actor, obj):
        raise PermissionDenied(rule)


def reindex_on_commit(mission_id: int) -> None:
    """After commit, give the search layer the mission as it is then (drafts are removed), and
    re-render the home's mission block (kyoso.core.home)."""
    from kyoso.core.home import touch_on_commit
    from kyoso.missions.registry import search_queryset

    index_on_commit(search_queryset().filter(pk=mission_id))
    touch_on_commit("missions")


def host_ids(mission: Mission) -> list[int]:
    """Everyone on the host side: the project's leads or the organization's managers, and the
    named host contact."""
    if mission.project_id is not None:
        from kyoso.projects.models import MemberRole, Membership, MemberStatus

        ids = set(
            Membership.objects.filter(
                project_id=mission.project_id, role=MemberRole.LEAD, status=MemberStatus.ACTIVE
            ).values_list("user_id", flat=True)
        )
    else:
        from kyoso.orgs.models import Membership as OrgMembership
        from kyoso.orgs.rules import MANAGER_ROLES

        ids = set(
            OrgMembership.objects.filter(
                organization_id=mission.organization_id or 0, role__in=MANAGER_ROLES
            ).values_list("user_id", flat=True)
        )
    if mission.host_id is not None:
        ids.add(mission.host_id)
    return sorted(ids)


def notify(*, recipients: Any, kind: str, actor: Any, mission: Mission, text: str, url: str):
    from kyoso.notifications.services import notify as send

    return send(recipients=recipients, kind=kind, actor=actor, target=mission, text=text, url=url)
