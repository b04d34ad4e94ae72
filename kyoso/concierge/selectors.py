"""Reads of the concierge app. Every consultation read goes through a rule: a viewer who may
not see a consultation gets a 404 (never learns it exists)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kyoso.concierge.models import (
    Concierge,
    Consultation,
    ConsultationStatus,
    Introduction,
    Slot,
)
from kyoso.core.policy import check

#: What a tie of the collaboration network is: (from_kind, from_id, to_kind, to_id, date).
Tie = tuple[str, int, str, int, date]


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- Concierges and slots --------------------------------------------------------------------


def concierges_of(hub: Any) -> QuerySet[Concierge]:
    return Concierge.objects.filter(hub=hub).select_related("user").order_by("added_at", "id")


def concierge_of(hub: Any, pk: int) -> Concierge:
    return get_object_or_404(Concierge.objects.select_related("user"), hub=hub, pk=pk)


def concierge_hub_ids(user: Any) -> list[int]:
    if not _authenticated(user):
        return []
    return list(Concierge.objects.filter(user_id=user.pk).values_list("hub_id", flat=True))


#: The cache key of the site's concierges (user ids); dropped when one is added or removed.
CONCIERGES_CACHE_KEY = "concierge:user_ids"
CONCIERGES_CACHE_SECONDS = 3600


def concierge_user_ids() -> frozenset[int]:
    """Ids of everyone who is a concierge somewhere, from the cache (one query when cold)."""
    from django.core.cache import cache

    ids = cache.get(CONCIERGES_CACHE_KEY)
    if ids is None:
        ids = frozenset(Concierge.objects.order_by().values_list("user_id", flat=True).distinct())
        cache.set(CONCIERGES_CACHE_KEY, ids, CONCIERGES_CACHE_SECONDS)
    return frozenset(ids)


def forget_concierges() -> None:
    from django.core.cache import cache

    cache.delete(CONCIERGES_CACHE_KEY)


def is_concierge(user: Any) -> bool:
    """A concierge of any hub: who sees the concierge block of the dashboard."""
    return _authenticated(user) and user.pk in concierge_user_ids()


def desk_counts(user: Any) -> dict[str, int]:
    """Follow-ups due, held consultations without a record and booked ones to come at the hubs
    where ``user`` is a concierge (one query)."""
    today = timezone.localdate()
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    found = Consultation.objects.filter(hub__concierges__user_id=user.pk).aggregate(
        follow_ups_due=Count("id", filter=Q(follow_up_on__lte=today, followed_up_at__isnull=True)),
        to_record=Count("id", filter=Q(status=ConsultationStatus.HELD, recorded_at__isnull=True)),
        upcoming=Count(
            "id", filter=Q(status=ConsultationStatus.BOOKED, starts_at__gte=today_start)
        ),
    )
    return {key: int(value or 0) for key, value in found.items()}


def _live_consultation() -> Exists:
    return Exists(
        Consultation.objects.filter(slot_id=OuterRef("pk")).exclude(
            status=ConsultationStatus.CANCELLED
        )
    )


def open_slots(hub: Any) -> QuerySet[Slot]:
    """Slots of ``hub`` still to come and not booked, soonest first, with their concierge."""
    return (
        Slot.objects.filter(hub=hub, starts_at__gt=timezone.now())
        .annotate(taken=_live_consultation())
        .filter(taken=False)
        .select_related("concierge")
        .order_by("starts_at", "id")
    )


def slot_get(pk: int) -> Slot:
    return get_object_or_404(Slot.objects.select_related("hub__organization", "concierge"), pk=pk)


# --- Consultations ---------------------------------------------------------------------------


def _consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related(
        "hub__organization", "person", "concierge", "issue", "organization"
    )


def consultation_for_viewer(pk: int, viewer: Any) -> Consultation:
    """The consultation if ``viewer`` may see it, else 404 (1 query, plus the rule's)."""
    consultation = get_object_or_404(_consultations(), pk=pk)
    if not check("concierge.view_consultation", viewer, consultation):
        raise Http404
    return consultation


def consultation_record_parts(consultation: Consultation) -> dict[str, Any]:
    """The introductions and the status history of one consultation (2 queries)."""
    return {
        "introductions": list(
            Introduction.objects.filter(consultation=consultation).select_related(
                "from_person", "to_person", "to_organization"
            )
        ),
        "history": list(consultation.status_changes.select_related("actor")),
    }


def my_consultations(user: Any) -> QuerySet[Consultation]:
    """The person's own consultations, newest first (what they booked or were recorded in)."""
    return (
        Consultation.objects.filter(person_id=user.pk)
        .select_related("hub", "concierge")
        .order_by("-starts_at", "-id")
    )


def my_follow_ups(user: Any) -> QuerySet[Consultation]:
    """Follow-ups addressed to the person: a note and a date written by the concierge."""
    return my_consultations(user).filter(follow_up_on__isnull=False).exclude(follow_up_note="")


def desk_upcoming(user: Any) -> QuerySet[Consultation]:
    """Booked consultations still to come at the hubs where ``user`` is a concierge."""
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        _consultations()
        .filter(
            hub__concierges__user_id=user.pk,
            status=ConsultationStatus.BOOKED,
            starts_at__gte=today_start,
        )
        .order_by("starts_at", "id")
    )


def follow_ups_due(user: Any, *, today: date | None = None) -> QuerySet[Consultation]:
    """Follow-ups due (date reached, not yet done) at the hubs where ``user`` is a concierge."""
    today = today or timezone.localdate()
    return (
        _consultations()
        .filter(
            hub__concierges__user_id=user.pk,
            follow_up_on__lte=today,
            followed_up_at__isnull=True,
        )
        .order_by("follow_up_on", "id")
    )


def to_record(user: Any) -> QuerySet[Consultation]:
    """Held consultations at the user's hubs that have no record yet."""
    return (
        _consultations()
        .filter(
            hub__concierges__user_id=user.pk,
            status=ConsultationStatus.HELD,
            recorded_at__isnull=True,
        )
        .order_by("starts_at", "id")
    )


def hub_consultations(hub: Any) -> QuerySet[Consultation]:
    return _consultations().filter(hub=hub).order_by("-starts_at", "-id")


# --- Ties for the collaboration network ------------------------------------------------------


def introductions_between(start_date: date, end_date: date) -> list[Tie]:
    """Every introduction made from ``start_date`` to ``end_date`` (both inclusive) as
    ``(from_kind, from_id, to_kind, to_id, date)``: kinds are ``"person"`` (a user id) and
    ``"organization"`` (an organization id). One query; no names, no text."""
    rows = (
        Introduction.objects.filter(introduced_on__gte=start_date, introduced_on__lte=end_date)
        .order_by("introduced_on", "id")
        .values_list("from_person_id", "to_person_id", "to_organization_id", "introduced_on")
    )
    return [
        ("person", from_id, "person", to_person, on)
        if to_person is not None
        else ("person", from_id, "organization", to_org, on)
        for from_id, to_person, to_org, on in rows
    ]


def hubs_of_concierge(user: Any) -> list[Any]:
    from kyoso.hubs.selectors import hub_list

    ids = concierge_hub_ids(user)
    return list(hub_list().filter(pk__in=ids)) if ids else []


def hub_figures(hub: Any, fiscal_year: int) -> Any:
    """The hub's figures for one fiscal year (年度): see :mod:`kyoso.concierge.figures`."""
    from kyoso.concierge.figures import hub_figures as compute

    return compute(hub, fiscal_year)
