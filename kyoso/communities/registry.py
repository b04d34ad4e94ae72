"""What the communities app plugs into core: rules, navigation, search, personal data.

Each part is registered by the module that owns it; this file only calls them in one place."""

from __future__ import annotations

from typing import Any


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.communities import personal_data, rules
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data

    rules.register()
    navigation.register(_("コミュニティ"), "communities:list", 30)
    register_search()
    core_personal_data.register(
        "communities", export=personal_data.export, erase=personal_data.erase
    )
    core_personal_data.register_deletion_blocker(personal_data.sole_leader_blocker)
    register_notification_types()
    from kyoso.communities import home

    home.register()


# --- Search ----------------------------------------------------------------------------------


def search_document(community: Any) -> Any:
    """Name, theme, region and description: 「農業」 finds 庄内農業共創コミュニティ, 「酒田」 the
    communities of 酒田市. Members and board posts are never indexed."""
    from kyoso.search.registry import Document

    words = [str(community.get_theme_display()), community.description]
    if community.municipality_id is not None:
        words.append(community.municipality.full_name)
    return Document(title=community.name, body="\n".join(w for w in words if w))


def community_url(community: Any) -> str:
    from django.urls import reverse

    return reverse("communities:detail", args=[community.slug])


def visible_communities(viewer: Any) -> Any:
    from kyoso.communities.models import Community

    return Community.objects.all()


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.communities.models import Community
    from kyoso.search import registry as search_registry

    search_registry.register(
        "communities",
        label=_("コミュニティ"),
        model=Community,
        document=search_document,
        visible=visible_communities,
        url=community_url,
        order=30,
        queryset=lambda: Community.objects.select_related(
            "municipality__prefecture", "municipality__parent"
        ),
    )


# --- Notification types (the rows of the notification settings) --------------------------


def register_notification_types() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.notifications.types import register_type

    register_type(
        "communities.membership",
        _("コミュニティの参加とリーダー"),
        kinds=[
            "communities.join_request",
            "communities.join_decided",
            "communities.leader_appointed",
            "communities.member_removed",
        ],
        order=30,
    )
