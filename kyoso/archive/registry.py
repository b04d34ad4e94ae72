"""What the archive plugs into core: rules, audit actions, navigation, search and personal
data. Each part is registered by the module that owns it; this file only calls them."""

from __future__ import annotations

from typing import Any

#: The search type key. "archive" names the collection (a mass noun, as the issue asks);
#: it is listed among the registry's irregular plurals.
SEARCH_KEY = "archive"


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.archive import audit, personal_data, rules
    from kyoso.audit.registry import register_actions
    from kyoso.core import navigation
    from kyoso.core import personal_data as core_personal_data

    rules.register()
    register_actions(audit.ACTIONS)
    navigation.register(_("アーカイブ"), "archive:gallery", 70)
    register_search()
    core_personal_data.register(
        "archive", export=personal_data.export, files=personal_data.files, erase=personal_data.erase
    )


def search_document(item: Any) -> Any:
    """Published items only: title, kind, summary, body, themes and walls (their labels)."""
    from kyoso.archive.models import Status
    from kyoso.issues.vocab import FacetKind, Theme, Wall
    from kyoso.search.registry import Document

    if item.status != Status.PUBLISHED:
        return None
    labels = []
    for tag in item.tags.all():
        choices = Theme if tag.kind == FacetKind.THEME else Wall
        labels.append(str(dict(choices.choices).get(tag.value, tag.value)))
    from kyoso.core.markdown import markdown_to_text

    words = [str(item.get_kind_display()), item.summary, markdown_to_text(item.body), *labels]
    return Document(title=item.title, body="\n".join(w for w in words if w))


def item_url(item: Any) -> str:
    from django.urls import reverse

    return reverse("archive:detail", args=[item.pk])


def visible_items(viewer: Any) -> Any:
    from kyoso.archive.selectors import published_items

    return published_items(viewer)


def search_queryset() -> Any:
    from kyoso.archive.models import Item

    return Item.objects.prefetch_related("tags")


def register_search() -> None:
    from django.utils.translation import gettext_lazy as _

    from kyoso.archive.models import Item
    from kyoso.search import registry as search_registry

    search_registry.register(
        SEARCH_KEY,
        label=_("アーカイブ"),
        model=Item,
        document=search_document,
        visible=visible_items,
        url=item_url,
        order=70,
        queryset=search_queryset,
    )
