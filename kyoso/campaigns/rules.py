"""Rules of the campaigns app (``campaigns.<verb>_<model>``), registered by register().

Who runs a campaign: its project's active leads (``kyoso.projects.rules.is_lead_of``) and the
secretariat. Who may do what (``tests/test_permissions.py`` enumerates this table):

- see a campaign, its transparency page and CSV: everyone once it is open or ended; a draft
  only its project's leads and the secretariat;
- start a campaign for a project, edit it, add tiers, open it, stop it: the project's leads
  and the secretariat (the services refuse what the state forbids: locked fields, tiers after
  the end, opening twice);
- pledge: signed-in members with a verified email address, to a campaign they can see (the
  service refuses drafts, ended campaigns, pledges after the deadline, sold-out tiers);
- cancel a pledge: its supporter (the service refuses once the money has moved);
- see one's own pledges: every signed-in person.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.campaigns.models import Campaign, Pledge, State
from kyoso.core.rules import is_active_member
from kyoso.projects.rules import is_lead_of

#: Attribute where the first rule asked keeps (viewer id, manages?) on the campaign.
VIEWER_MANAGES = "viewer_manages_campaign"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages(user: Any, campaign: Campaign) -> bool:
    """The project's active leads and the secretariat (one query, kept on the campaign)."""
    if not _authenticated(user):
        return False
    kept = getattr(campaign, VIEWER_MANAGES, None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    answer = bool(is_secretariat_member(user) or is_lead_of(user, campaign.project))
    setattr(campaign, VIEWER_MANAGES, (user.pk, answer))
    return answer


@rules.predicate
def is_campaign(user, obj) -> bool:
    return isinstance(obj, Campaign)


@rules.predicate
def is_project_manager(user, obj) -> bool:
    """The project (a Project, not a campaign) is led by the user, or the user is staff."""
    from kyoso.projects.models import Project

    if not isinstance(obj, Project) or not _authenticated(user):
        return False
    return bool(is_secretariat_member(user) or is_lead_of(user, obj))


@rules.predicate
def is_manager(user, obj) -> bool:
    return isinstance(obj, Campaign) and manages(user, obj)


@rules.predicate
def is_public(user, obj) -> bool:
    return isinstance(obj, Campaign) and obj.state != State.DRAFT


@rules.predicate
def is_supporter(user, obj) -> bool:
    return (
        isinstance(obj, Pledge)
        and _authenticated(user)
        and obj.supporter_id is not None
        and obj.supporter_id == user.pk
    )


@rules.predicate
def is_signed_in(user) -> bool:
    return _authenticated(user)


def register() -> None:
    verified = is_active_member & is_email_verified
    rules.set_perm("campaigns.view_campaign", is_campaign & (is_public | is_manager))
    rules.set_perm("campaigns.add_campaign", is_project_manager)
    rules.set_perm("campaigns.change_campaign", is_campaign & is_manager)
    rules.set_perm("campaigns.open_campaign", is_campaign & is_manager)
    rules.set_perm("campaigns.stop_campaign", is_campaign & is_manager)
    rules.set_perm("campaigns.pledge_campaign", is_campaign & verified & (is_public | is_manager))
    rules.set_perm("campaigns.view_pledge", is_supporter)
    rules.set_perm("campaigns.cancel_pledge", is_supporter)
    rules.set_perm("campaigns.view_pledges", is_signed_in)
