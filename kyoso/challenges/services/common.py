"""What every write of the challenges app shares."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from kyoso.core.policy import check
from kyoso.search.services import index_on_commit


class ChallengeError(Exception):
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


def too_long(limit: int, text: str) -> ChallengeError:
    from kyoso.challenges import messages

    return ChallengeError(
        messages.TEXT_TOO_LONG % {"limit_value": limit, "show_value": len(text)}, "too_long"
    )


def reindex_on_commit(challenge_id: int) -> None:
    """After commit, give the search layer the challenge as it is then (drafts are removed),
    and re-render the home's challenge block."""
    from kyoso.challenges.registry import search_queryset
    from kyoso.core.home import touch_on_commit

    index_on_commit(search_queryset().filter(pk=challenge_id))
    touch_on_commit("challenges")


def manager_ids(organization_id: int) -> list[int]:
    from kyoso.orgs.models import Membership
    from kyoso.orgs.rules import MANAGER_ROLES

    return sorted(
        Membership.objects.filter(
            organization_id=organization_id, role__in=MANAGER_ROLES
        ).values_list("user_id", flat=True)
    )


def notify(*, recipients: Any, kind: str, actor: Any, target: Any, text: str, url: str) -> int:
    from kyoso.notifications.services import notify as send

    return send(recipients=recipients, kind=kind, actor=actor, target=target, text=text, url=url)
