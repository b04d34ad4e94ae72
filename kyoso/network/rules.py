"""Rules of the network app (``network.<verb>_<model>``), registered by register().

- ask for an introduction, block someone, ask for advice: anyone signed in (active);
- see an introduction: its requester, the person asked (or the owners and admins of the
  organization asked) and its broker; answer it: the side whose answer is still missing;
- broker an introduction: advisors and the secretariat;
- mark advisors, see the queue, assign: the secretariat;
- see an advice request: its requester, its advisor and the secretariat; move it: its advisor
  and the secretariat; see and write the private record: its advisor and the secretariat;
- the network picture and the per-person figures: the secretariat; the aggregates: everyone.
"""

from __future__ import annotations

from typing import Any

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_active_member
from kyoso.network.models import AdviceRequest, Advisor, Introduction, IntroductionStatus


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def manages_organization(user: Any, organization: Any) -> bool:
    from kyoso.orgs.rules import MANAGER_ROLES, role_in

    return _authenticated(user) and role_in(user, organization) in MANAGER_ROLES


def target_side(user: Any, intro: Introduction) -> bool:
    """Whether ``user`` answers for the side that was asked."""
    if not _authenticated(user):
        return False
    if intro.to_user_id is not None:
        return intro.to_user_id == user.pk
    return manages_organization(user, intro.to_organization)


def active_advisor(user: Any) -> Advisor | None:
    if not _authenticated(user):
        return None
    return Advisor.objects.filter(user_id=user.pk, active=True).first()


@rules.predicate
def is_introduction(user, obj) -> bool:
    return isinstance(obj, Introduction)


@rules.predicate
def is_requester(user, obj) -> bool:
    return _authenticated(user) and getattr(obj, "requester_id", None) == user.pk


@rules.predicate
def is_target(user, obj) -> bool:
    return isinstance(obj, Introduction) and target_side(user, obj)


@rules.predicate
def is_broker(user, obj) -> bool:
    return isinstance(obj, Introduction) and _authenticated(user) and obj.broker_id == user.pk


@rules.predicate
def is_pending(user, obj) -> bool:
    return isinstance(obj, Introduction) and obj.status == IntroductionStatus.PENDING


@rules.predicate
def requester_must_answer(user, obj) -> bool:
    return isinstance(obj, Introduction) and obj.requester_accepted_at is None


@rules.predicate
def target_must_answer(user, obj) -> bool:
    return isinstance(obj, Introduction) and obj.target_accepted_at is None


@rules.predicate
def is_advisor(user) -> bool:
    return active_advisor(user) is not None


@rules.predicate
def is_advice_request(user, obj) -> bool:
    return isinstance(obj, AdviceRequest)


@rules.predicate
def is_assigned_advisor(user, obj) -> bool:
    return (
        isinstance(obj, AdviceRequest)
        and _authenticated(user)
        and obj.advisor is not None
        and obj.advisor.user_id == user.pk
    )


staff = is_secretariat_member


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm("network.add_introduction", is_active_member)
    rules.set_perm(
        "network.view_introduction", is_introduction & (is_requester | is_target | is_broker)
    )
    rules.set_perm(
        "network.answer_introduction",
        is_pending & ((is_target & target_must_answer) | (is_requester & requester_must_answer)),
    )
    rules.set_perm("network.broker_introduction", is_active_member & (is_advisor | staff))
    rules.set_perm("network.list_introductions", is_active_member)
    rules.set_perm("network.change_block", is_active_member)
    rules.set_perm("network.manage_advisors", staff)
    rules.set_perm("network.add_advice_request", is_active_member)
    rules.set_perm("network.list_advice_requests", is_active_member)
    rules.set_perm(
        "network.view_advice_request",
        is_advice_request & (is_requester | is_assigned_advisor | staff),
    )
    rules.set_perm("network.move_advice_request", is_advice_request & (is_assigned_advisor | staff))
    rules.set_perm("network.assign_advice_request", is_advice_request & staff)
    rules.set_perm("network.view_advice_record", is_advice_request & (is_assigned_advisor | staff))
    rules.set_perm("network.view_advice_queue", staff)
    rules.set_perm("network.view_network", staff)
    rules.set_perm("network.view_network_aggregates", rules.always_allow)
