"""Organizations as a searchable type of the site search (kyoso.search).

Organizations are public, so every viewer may see every one. Their writes are spread over
several services and the admin, which predate the search layer, so the documents are kept in
step by model signals connected here, inside the writing transaction (the search table is in
the same database, so a rolled-back write leaves no document behind).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kyoso.orgs.models import Organization
from kyoso.search import registry
from kyoso.search.registry import Document

TYPE_KEY = "organizations"
LABEL = _("団体")


def organization_document(organization: Organization) -> Document:
    reading = f"{organization.name_kana}\n" if organization.name_kana else ""
    return Document(title=organization.name, body=f"{reading}{organization.description}")


def visible_organizations(viewer: Any) -> QuerySet[Organization]:
    return Organization.objects.all()


def organization_url(organization: Organization) -> str:
    return reverse("orgs:detail", args=[organization.slug])


def _saved(sender: Any, instance: Organization, **kwargs: Any) -> None:
    from kyoso.search.services import index_object

    if not kwargs.get("raw"):
        index_object(instance)


def _deleted(sender: Any, instance: Organization, **kwargs: Any) -> None:
    from kyoso.search.services import unindex_object

    unindex_object(instance)


def register(key: str = TYPE_KEY, label: str | Promise = LABEL) -> None:
    """Register organizations with the search registry and keep their documents in step."""
    registry.register(
        key,
        label=label,
        model=Organization,
        document=organization_document,
        visible=visible_organizations,
        url=organization_url,
        order=20,
    )
    post_save.connect(_saved, sender=Organization, dispatch_uid="kyoso.orgs.search.saved")
    post_delete.connect(_deleted, sender=Organization, dispatch_uid="kyoso.orgs.search.deleted")


#: The name ``kyoso/orgs/apps.py`` passes to ``kyoso.core.search.register`` (issue 3). That
#: call now runs :func:`register`; apps.py can call ``kyoso.orgs.search.register()`` directly.
search_organizations = register
