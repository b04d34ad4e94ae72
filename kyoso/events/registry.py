"""What the events app plugs into core: rules, navigation, search, personal data.

Each part is registered by the module that owns it; this file only calls them in one place."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from kyoso.events import rules

    rules.register()
    register_events()
    from kyoso.events import ideas_personal_data, registration_personal_data

    ideas_personal_data.register()
    registration_personal_data.register()
    register_notification_types()
    register_audit_actions()
    from kyoso.events import home

    home.register()


# --- Events and registration: navigation and search -----------------------------------------


def register_events() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.core import navigation

    navigation.register(_("イベント"), "events:list", 25)
    register_event_search()
    register_minutes_search()


def event_search_document(event: Any) -> Any:
    """Title, description, guests and venue of a published event; drafts and cancelled events
    are not indexed (None removes them from the index)."""
    from kyoso.core.markdown import markdown_to_text
    from kyoso.events.models import EventStatus
    from kyoso.search.registry import Document

    if event.status != EventStatus.PUBLISHED:
        return None
    words = [event.topic, markdown_to_text(event.description), event.audience]
    for guest in event.guests.all():
        words.append(" ".join(p for p in (guest.name, guest.affiliation, guest.title) if p))
        words.append(guest.profile)
    words += [event.venue_name, event.venue_address]
    if event.municipality_id is not None:
        words.append(event.municipality.full_name)
    if event.organization_id is not None:
        words.append(event.organization.name)
    if event.community_id is not None:
        words.append(event.community.name)
    return Document(title=event.title, body="\n".join(w for w in words if w))


def event_url(event: Any) -> str:
    from django.urls import reverse

    return reverse("events:detail", args=[event.pk])


def register_event_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.events.models import Event
    from kyoso.events.selectors import searchable_events
    from kyoso.search import registry as search_registry

    search_registry.register(
        "events",
        label=_("イベント"),
        model=Event,
        document=event_search_document,
        visible=searchable_events,
        url=event_url,
        order=20,
        queryset=lambda: Event.objects.select_related(
            "municipality", "organization", "community"
        ).prefetch_related("guests"),
    )


# --- Minutes: search ---------------------------------------------------------------------------


def minutes_search_document(minutes: Any) -> Any:
    """All minutes, under the event's title: published or not, of a draft event or not. Who
    finds them is decided at query time by ``searchable_minutes``, as on the minutes page: the
    organizers in every state, the others what ``events.view_minutes`` lets them read."""
    from kyoso.core.markdown import markdown_to_text
    from kyoso.search.registry import Document

    return Document(title=minutes.event.title, body=markdown_to_text(minutes.body))


def minutes_url(minutes: Any) -> str:
    from django.urls import reverse

    return reverse("events:minutes", args=[minutes.event_id])


def register_minutes_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.events.models import Minutes
    from kyoso.events.selectors_followup import searchable_minutes
    from kyoso.search import registry as search_registry

    search_registry.register(
        "minutes",
        label=_("議事録"),
        model=Minutes,
        document=minutes_search_document,
        visible=searchable_minutes,
        url=minutes_url,
        order=22,
        queryset=lambda: Minutes.objects.select_related("event"),
    )


# --- Notification types (the rows of the notification settings) --------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "events.registrations",
        _("イベントの申込"),
        kinds=["events.promoted", "events.registration_cancelled", "events.cancelled"],
        order=20,
    )
    register_type(
        "events.invitations",
        _("イベントへの招待"),
        kinds=["events.invited"],
        order=22,
    )
    register_type(
        "events.followup",
        _("参加したイベントのその後"),
        kinds=["events.followup"],
        order=21,
    )


# --- Audit actions of its own (the older ones are in AuditEvent.Action) ------------------------


def register_audit_actions() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.events.services.invitations import AUDIT_INVITED

    register_actions([(AUDIT_INVITED, _("イベントへの招待"))])
