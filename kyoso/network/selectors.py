"""Reads of the network app: introductions and advice requests for their viewers, and the
collaboration network's figures (:func:`network_figures`, read by the KPI work too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from kyoso.network import figures as fig
from kyoso.network.models import (
    AdviceRequest,
    AdviceStatus,
    Advisor,
    Block,
    Introduction,
    IntroductionStatus,
    NetworkPreference,
)
from kyoso.network.ties import ties

#: Ties before this date are not looked for (the platform's data starts later).
EPOCH = date(2000, 1, 1)


# --- Introductions -------------------------------------------------------------------------


def _introductions() -> QuerySet[Introduction]:
    return Introduction.objects.select_related(
        "requester__profile", "to_user__profile", "to_organization", "broker", "answered_by"
    )


def introduction_detail(pk: int) -> Introduction:
    return get_object_or_404(_introductions(), pk=pk)


def introductions_for(user: Any) -> QuerySet[Introduction]:
    """Every introduction ``user`` is a party of: asked by them, asked of them or of an
    organization they manage, or brokered by them; newest first."""
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    managed = memberships_of_user(user).filter(role__in=MANAGER_ROLES).values("organization_id")
    return _introductions().filter(
        Q(requester_id=user.pk)
        | Q(to_user_id=user.pk)
        | Q(to_organization_id__in=managed)
        | Q(broker_id=user.pk)
    )


def introductions_awaiting(user: Any) -> QuerySet[Introduction]:
    """Open introductions waiting for ``user``'s answer (as the person or organization asked,
    or as the asker of a brokered one), oldest first."""
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    managed = memberships_of_user(user).filter(role__in=MANAGER_ROLES).values("organization_id")
    return (
        _introductions()
        .filter(status=IntroductionStatus.PENDING)
        .filter(
            (
                (Q(to_user_id=user.pk) | Q(to_organization_id__in=managed))
                & Q(target_accepted_at__isnull=True)
            )
            | (Q(requester_id=user.pk) & Q(requester_accepted_at__isnull=True))
        )
        .order_by("created_at", "id")
    )


def managed_organization_ids(user: Any) -> set[int]:
    """The organizations ``user`` answers introductions for (owner or admin)."""
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.orgs.selectors import memberships_of_user

    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        memberships_of_user(user)
        .filter(role__in=MANAGER_ROLES)
        .values_list("organization_id", flat=True)
        .order_by()
    )


def introduction_side(user: Any, intro: Introduction, managed: set[int]) -> str | None:
    """``requester``, ``target`` or ``broker``: how ``user`` takes part (None: not at all),
    without a query when ``managed`` (:func:`managed_organization_ids`) is known."""
    if not getattr(user, "is_authenticated", False):
        return None
    if intro.requester_id == user.pk:
        return "requester"
    if intro.to_user_id is not None and intro.to_user_id == user.pk:
        return "target"
    if intro.to_organization_id is not None and intro.to_organization_id in managed:
        return "target"
    if intro.broker_id is not None and intro.broker_id == user.pk:
        return "broker"
    return None


def blocks_of(user: Any) -> QuerySet[Block]:
    return Block.objects.filter(blocker_id=user.pk).select_related("blocked").order_by("-id")


def preference_of(user: Any) -> NetworkPreference:
    return NetworkPreference.objects.filter(user_id=user.pk).first() or NetworkPreference(
        user_id=user.pk
    )


# --- Advisors and advice requests ------------------------------------------------------------


def active_advisors(kind: str | None = None) -> list[Advisor]:
    rows = Advisor.objects.filter(active=True, user__is_active=True).select_related("user")
    advisors = list(rows.order_by("id"))
    return [a for a in advisors if kind is None or kind in a.kinds]


def all_advisors() -> QuerySet[Advisor]:
    return Advisor.objects.select_related("user").order_by("id")


def advisor_by_pk(pk: Any) -> Advisor | None:
    try:
        return Advisor.objects.select_related("user").get(pk=int(pk))
    except (TypeError, ValueError, Advisor.DoesNotExist):
        return None


def _advice() -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.select_related(
        "requester", "advisor__user", "for_organization", "for_project"
    )


def advice_detail(pk: int) -> AdviceRequest:
    return get_object_or_404(
        _advice().select_related("record").prefetch_related("changes__actor"), pk=pk
    )


def advice_for(user: Any) -> QuerySet[AdviceRequest]:
    """Requests ``user`` made or handles as their advisor, newest first."""
    return _advice().filter(Q(requester_id=user.pk) | Q(advisor__user_id=user.pk))


def advice_queue() -> QuerySet[AdviceRequest]:
    """The secretariat's queue: every request still waiting for an advisor, oldest first."""
    return _advice().filter(status=AdviceStatus.NEW).order_by("created_at", "id")


def advice_all() -> QuerySet[AdviceRequest]:
    return _advice()


# --- The collaboration network -----------------------------------------------------------


def sectors() -> dict[int, str]:
    """Each person's sector: the first on their profile, else their first organization's kind
    (as a sector); people with neither are ``unknown``."""
    from kyoso.accounts.selectors import sector_rows
    from kyoso.orgs.selectors import member_kind_rows

    by_user: dict[int, str] = {}
    for user_id, kind in member_kind_rows().iterator(chunk_size=5000):
        by_user.setdefault(user_id, fig.ORG_KIND_SECTOR.get(kind, "other"))
    for user_id, chosen in sector_rows().iterator(chunk_size=5000):
        if chosen:
            by_user[user_id] = chosen[0]
    return by_user


def network(start: date, end: date, *, bridges: int = 10) -> tuple[fig.Figures, Any]:
    """The figures and the networkx graph of ``start``..``end``."""
    return fig.compute(start, end, ties(EPOCH, end), sectors(), bridges=bridges)


def network_figures(start: date, end: date) -> dict[str, Any]:
    """The figures of ``start``..``end`` as plain data (the secretariat's view; the KPI work
    reads this). ``public_network_figures`` is what everyone may see."""
    figures, _graph = network(start, end)
    return figures.as_dict()


def public_network_figures(start: date, end: date) -> dict[str, Any]:
    """Aggregates only, never a group smaller than five, nobody named."""
    figures, _graph = network(start, end, bridges=0)
    return figures.as_dict(public=True)


def shown_people() -> set[int]:
    return set(
        NetworkPreference.objects.filter(shown_in_network=True).values_list("user_id", flat=True)
    )
