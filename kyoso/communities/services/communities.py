"""Creating and editing communities, and linking the issues they work on.

``data`` keys (the cleaned data of :class:`kyoso.communities.forms.CommunityForm`): ``name``,
``slug`` (creation only: URLs stay stable), ``theme``, ``description``, ``municipality``
(Municipality or None) and ``join_policy``.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from kyoso.audit.models import AuditEvent
from kyoso.audit.services import audit_record
from kyoso.communities import messages
from kyoso.communities.models import (
    Community,
    CommunityMembership,
    CommunityRole,
    MembershipStatus,
)
from kyoso.communities.services.common import CommunityError, reindex_on_commit, require

EDITABLE_FIELDS = ("name", "theme", "description", "municipality", "join_policy")


def community_create(
    *, actor: Any, data: dict[str, Any], request: HttpRequest | None = None
) -> Community:
    """Start a community; its creator is its first leader (and so its first member)."""
    require("communities.add_community", actor)
    slug = data["slug"]
    try:
        with transaction.atomic():
            community = Community.objects.create(
                slug=slug,
                created_by=actor,
                member_count=1,
                **{field: data[field] for field in EDITABLE_FIELDS},
            )
            CommunityMembership.objects.create(
                community=community,
                user=actor,
                role=CommunityRole.LEADER,
                status=MembershipStatus.ACTIVE,
            )
            audit_record(
                actor=actor,
                action=AuditEvent.Action.COMMUNITY_CREATED,
                target=community,
                data={"slug": slug},
                request=request,
            )
            reindex_on_commit(community.pk)
    except IntegrityError:
        # Another community took the slug between the form's check and the insert.
        if Community.objects.filter(slug=slug).exists():
            raise CommunityError(messages.SLUG_TAKEN % {"slug": slug}) from None
        raise
    return community


def community_update(
    *, actor: Any, community: Community, data: dict[str, Any], request: HttpRequest | None = None
) -> Community:
    require("communities.change_community", actor, community)
    with transaction.atomic():
        changed = [f for f in EDITABLE_FIELDS if getattr(community, f) != data[f]]
        for field in EDITABLE_FIELDS:
            setattr(community, field, data[field])
        community.save(update_fields=[*EDITABLE_FIELDS, "updated_at"])
        if changed and not _is_leader(actor, community):
            audit_record(
                actor=actor,
                action=AuditEvent.Action.STAFF_EDIT,
                target=community,
                data={"fields": changed},
                request=request,
            )
        reindex_on_commit(community.pk)
    return community


def _is_leader(actor: Any, community: Community) -> bool:
    from kyoso.communities.rules import is_leader_of

    return is_leader_of(actor, community)


def community_link_issue(*, actor: Any, community: Community, issue: Any) -> None:
    """Show an issue on the community's page (the leaders pick the issues they work on)."""
    require("communities.change_community", actor, community)
    require("issues.view_issue", actor, issue)
    from kyoso.core.home import touch_on_commit

    with transaction.atomic():
        community.issues.add(issue)
        touch_on_commit("issues")  # the home narrowed to the community lists its issues


def community_unlink_issue(*, actor: Any, community: Community, issue_id: int) -> None:
    require("communities.change_community", actor, community)
    from kyoso.core.home import touch_on_commit

    with transaction.atomic():
        community.issues.remove(issue_id)
        touch_on_commit("issues")
