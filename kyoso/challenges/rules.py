"""Rules of the challenges app (``challenges.<verb>_<model>``), registered by register().

Who may do what (``tests/test_permissions.py`` enumerates this table):

- see a challenge: everyone once published, closed or decided; a draft only the poster's
  managers (owners and admins) and the secretariat;
- post a challenge for an organization: its managers, when the organization is verified
  (``verified_at``) and a local government or a company;
- edit a draft or a published challenge, publish a draft, close a published one, answer
  questions, manage its reviewers: the poster's managers;
- ask a question: verified members who are not the poster's managers, while published (the
  service refuses after ``questions_until`` with its message);
- follow: anyone signed in, on a listed challenge;
- propose: verified members who manage an organization of an eligible kind (the service checks
  the organization, the deadline and one proposal per organization);
- see a proposal: the proposing organization's members and the poster's reviewers (the
  poster's managers, and the screening round's reviewers); everyone else gets a 404;
- edit a proposal: the proposing organization's managers (the service refuses after the
  deadline or a decision).
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.challenges.models import Challenge, ChallengeStatus, Proposal, ProposalAttachment
from kyoso.core.rules import is_active_member
from kyoso.orgs.models import OrganizationType

#: The kinds of organization that may post a challenge.
POSTER_KINDS = frozenset({OrganizationType.LOCAL_GOVERNMENT, OrganizationType.COMPANY})
#: Attribute where the first rule asked keeps (viewer id, manages the poster?) on a challenge.
VIEWER_MANAGES = "viewer_manages_challenge"


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages(user: Any, organization: Any) -> bool:
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    return _authenticated(user) and role_in(user, organization) in MANAGER_ROLES


def may_post_for(organization: Any) -> bool:
    """Whether ``organization`` may post challenges: verified, and of a poster kind."""
    return bool(organization.is_verified and organization.org_type in POSTER_KINDS)


def manages_poster(user: Any, challenge: Challenge | None) -> bool:
    if challenge is None or challenge.pk is None or not _authenticated(user):
        return False
    kept = getattr(challenge, VIEWER_MANAGES, None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    answer = manages(user, challenge.organization)
    setattr(challenge, VIEWER_MANAGES, (user.pk, answer))
    return answer


def reviews(user: Any, challenge: Challenge | None) -> bool:
    """The poster's managers, and the reviewers of the challenge's screening round."""
    if manages_poster(user, challenge):
        return True
    if challenge is None or challenge.screening_round_id is None or not _authenticated(user):
        return False
    from kyoso.challenges import screening_link

    return screening_link.is_reviewer(challenge, user)


def visible_or_404(user: Any, challenge: Challenge) -> Challenge:
    """The challenge, or a 404 for whoever may not see it (a draft does not exist for anyone
    but its poster's managers and the secretariat: not a 403, not a login page)."""
    from django.http import Http404

    if not rules.has_perm("challenges.view_challenge", user, challenge):
        raise Http404
    return challenge


def belongs_to(user: Any, organization_id: int) -> bool:
    if not _authenticated(user):
        return False
    from kyoso.orgs.models import Membership

    return Membership.objects.filter(organization_id=organization_id, user_id=user.pk).exists()


def proposal_of(obj: Any) -> Proposal | None:
    if isinstance(obj, Proposal):
        return obj
    if isinstance(obj, ProposalAttachment):
        return obj.proposal
    return None


# --- Predicates ------------------------------------------------------------------------------

verified_member = is_active_member & is_email_verified
staff = is_secretariat_member


@rules.predicate
def is_challenge(user, obj) -> bool:
    return isinstance(obj, Challenge)


@rules.predicate
def is_listed(user, obj) -> bool:
    return isinstance(obj, Challenge) and obj.status != ChallengeStatus.DRAFT


@rules.predicate
def is_draft(user, obj) -> bool:
    return isinstance(obj, Challenge) and obj.status == ChallengeStatus.DRAFT


@rules.predicate
def is_published(user, obj) -> bool:
    return isinstance(obj, Challenge) and obj.status == ChallengeStatus.PUBLISHED


@rules.predicate
def is_editable(user, obj) -> bool:
    return isinstance(obj, Challenge) and obj.status in (
        ChallengeStatus.DRAFT,
        ChallengeStatus.PUBLISHED,
    )


@rules.predicate
def is_poster_manager(user, obj) -> bool:
    if isinstance(obj, Challenge):
        return manages_poster(user, obj)
    proposal = proposal_of(obj)
    return proposal is not None and manages_poster(user, proposal.challenge)


@rules.predicate
def may_post(user, obj) -> bool:
    from kyoso.orgs.models import Organization

    return isinstance(obj, Organization) and may_post_for(obj) and manages(user, obj)


@rules.predicate
def is_reviewer(user, obj) -> bool:
    if isinstance(obj, Challenge):
        return reviews(user, obj)
    proposal = proposal_of(obj)
    return proposal is not None and reviews(user, proposal.challenge)


@rules.predicate
def in_proposing_org(user, obj) -> bool:
    proposal = proposal_of(obj)
    return proposal is not None and belongs_to(user, proposal.organization_id)


@rules.predicate
def manages_proposing_org(user, obj) -> bool:
    proposal = proposal_of(obj)
    return proposal is not None and manages(user, proposal.organization)


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm(
        "challenges.view_challenge", is_challenge & (is_listed | is_poster_manager | staff)
    )
    rules.set_perm("challenges.add_challenge", verified_member & may_post)
    rules.set_perm("challenges.change_challenge", is_editable & is_poster_manager)
    rules.set_perm("challenges.publish_challenge", is_draft & is_poster_manager)
    rules.set_perm("challenges.close_challenge", is_published & is_poster_manager)
    rules.set_perm("challenges.answer_question", is_listed & is_poster_manager)
    rules.set_perm("challenges.ask_question", verified_member & is_published & ~is_poster_manager)
    rules.set_perm("challenges.follow_challenge", is_active_member & is_listed)
    rules.set_perm("challenges.add_proposal", verified_member & is_published & ~is_poster_manager)
    rules.set_perm("challenges.view_proposals", is_listed & is_reviewer)
    rules.set_perm("challenges.manage_reviewers", is_listed & is_poster_manager)
    rules.set_perm("challenges.view_proposal", in_proposing_org | is_reviewer)
    rules.set_perm("challenges.change_proposal", verified_member & manages_proposing_org)
    rules.set_perm("challenges.list_my_proposals", is_active_member)
