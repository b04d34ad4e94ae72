"""What the projects app (core) holds about one person: export, erasure, the sole-lead blocker.

The projects a person started stay (they belong to their members); the person is taken off
them as creator. Memberships and follows go, with the counts brought down."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _

from kyoso.projects import messages
from kyoso.projects.models import Follow, Membership, MemberStatus, Project


def export(user: Any) -> dict[str, Any]:
    from kyoso.projects import personal_data_work

    memberships = Membership.objects.filter(user_id=user.pk).select_related("project")
    return {
        "memberships": [
            {
                "project": m.project_id,
                "project_title": m.project.title,
                "role": m.role,
                "status": m.status,
                "message": m.message,
                "created_at": m.created_at,
                "joined_at": m.joined_at,
            }
            for m in memberships.order_by("created_at", "id")
        ],
        "follows": [
            {"project": f.project_id, "created_at": f.created_at}
            for f in Follow.objects.filter(user_id=user.pk).order_by("created_at", "id")
        ],
        "projects_created": [
            {
                "id": p.pk,
                "title": p.title,
                "goal": p.goal,
                "body": p.body,
                "stage": p.stage,
                "origin": p.origin,
                "created_at": p.created_at,
            }
            for p in Project.objects.filter(created_by_id=user.pk).order_by("created_at", "id")
        ],
        # Comments, updates, hearings and needs: the project's work (personal_data_work.py).
        "work": personal_data_work.export(user),
    }


def files(user: Any) -> Any:
    """The images of the person's updates, for the data download."""
    from kyoso.projects import personal_data_work

    return personal_data_work.files(user)


def erase(user: Any) -> None:
    """Leave every project and stop following; projects started stay without a creator. Runs
    only after :func:`sole_lead_blocker` let the deletion through. The person's part of the
    projects' work is erased first (personal_data_work.py)."""
    from kyoso.projects import personal_data_work

    personal_data_work.erase(user)
    memberships = Membership.objects.filter(user_id=user.pk)
    active = list(
        memberships.filter(status=MemberStatus.ACTIVE).values_list("project_id", flat=True)
    )
    memberships.delete()
    Project.objects.filter(pk__in=active, member_count__gt=0).update(
        member_count=F("member_count") - 1
    )
    follows = Follow.objects.filter(user_id=user.pk)
    followed = list(follows.values_list("project_id", flat=True))
    follows.delete()
    Project.objects.filter(pk__in=followed, follower_count__gt=0).update(
        follower_count=F("follower_count") - 1
    )
    Project.objects.filter(created_by_id=user.pk).update(created_by=None)


def sole_lead_blocker(user: Any) -> str | None:
    from kyoso.projects.selectors import sole_led_projects

    titles = list(sole_led_projects(user).values_list("title", flat=True))
    if not titles:
        return None
    return str(messages.ACCOUNT_DELETION_BLOCKED % {"projects": _("、").join(titles)})
