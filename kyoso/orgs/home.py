"""The organizations app's blocks on the dashboard (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

_MANAGERS = ("owner", "admin")


def verification(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """For the secretariat: organizations not yet verified (1 query)."""
    from kyoso.orgs.models import Organization

    return {
        "rows": [
            {
                "label": _("認証待ちの団体"),
                "count": Organization.objects.filter(verified_at__isnull=True).count(),
                "url": reverse("orgs:list") + "?verified=0",
            }
        ]
    }


def join_requests(viewer: Any, filters: home.HomeFilters) -> dict[str, Any] | None:
    """Pending join requests to the organizations the viewer manages (1 query); nothing when
    there are none, so that people who manage no organization see no empty queue."""
    from kyoso.orgs.models import JoinRequest

    count = JoinRequest.objects.filter(
        status=JoinRequest.Status.PENDING,
        organization__memberships__user_id=viewer.pk,
        organization__memberships__role__in=_MANAGERS,
    ).count()
    if not count:
        return None
    return {"rows": [{"label": _("団体への参加申請"), "count": count, "url": reverse("orgs:mine")}]}


def register() -> None:
    from kyoso.roles.selectors import is_secretariat

    home.register_dashboard(
        "orgs.verification",
        title=_("団体の認証"),
        order=40,
        template="core/blocks/_count.html",
        data=verification,
        section=home.ATTENTION,
        visible=is_secretariat,
    )
    home.register_dashboard(
        "orgs.join_requests",
        title=_("団体への参加申請"),
        order=50,
        template="core/blocks/_count.html",
        data=join_requests,
        section=home.ATTENTION,
    )
