"""What the hubs app plugs into core: rules, audit actions, navigation, search, personal
data, notification types and dashboard blocks. Each part is registered by the module that
owns it; this file only calls them."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.audit.registry import register_actions
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data
    from kyoso.hubs import audit, home, personal_data, rules

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("拠点"), "hubs:list", 38)
    register_search()
    core_personal_data.register("hubs", export=personal_data.export, erase=personal_data.erase)
    register_notification_types()
    home.register()
    from kyoso.hubs.services.events import register_holder

    register_holder()


# --- Search: hubs, with their active spaces in the text --------------------------------------


def search_document(hub: Any) -> Any:
    from kyoso.search.registry import Document

    words = [hub.description, hub.address, hub.access_notes, str(hub.organization)]
    if hub.municipality_id is not None:
        words.append(hub.municipality.full_name)
    for space in hub.spaces.all():
        if space.active:
            words += [space.name, str(space.get_kind_display()), space.description, space.equipment]
    return Document(title=hub.name, body="\n".join(w for w in words if w))


def hub_url(hub: Any) -> str:
    from django.urls import reverse

    return reverse("hubs:detail", args=[hub.slug])


def visible_hubs(viewer: Any) -> Any:
    """Every hub is public."""
    from kyoso.hubs.models import Hub

    return Hub.objects.all()


def search_queryset() -> Any:
    from kyoso.hubs.models import Hub

    return Hub.objects.select_related(
        "organization", "municipality__prefecture", "municipality__parent"
    ).prefetch_related("spaces")


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.hubs.models import Hub
    from kyoso.search import registry as search_registry

    search_registry.register(
        "hubs",
        label=_("拠点"),
        model=Hub,
        document=search_document,
        visible=visible_hubs,
        url=hub_url,
        order=38,
        queryset=search_queryset,
    )


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "hubs.bookings",
        _("拠点の予約"),
        kinds=["hubs.request", "hubs.decision"],
        order=55,
    )
