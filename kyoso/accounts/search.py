"""People as a searchable type of the site search (kyoso.search).

A person is found by their display name and by what their profile shows *everyone*: the
fields whose visibility is public (each profile field has its own). Fields shown only
to members or the secretariat are never indexed, so that no search can reveal them, to anyone.
Deactivated and deleted accounts are not indexed.

The account and the profile are written by several services and the admin, so the documents
are kept in step by model signals. A save asks for the person to be indexed after the
transaction commits, once per transaction (``index_once_on_commit``): a profile edit saves the
user row and the profile row, and signing up creates both, yet the person is analysed and
written once. A save that only touches sign-in bookkeeping (last login, password) leaves the
document alone. Leaving (deactivation, account deletion) removes the document at once, in the
transaction that erases the personal data, not after it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kyoso.accounts.models import Profile, User
from kyoso.accounts.selectors import profile_for_viewer
from kyoso.search import registry
from kyoso.search.registry import Document

TYPE_KEY = "people"
#: Saves of these User fields only never change what is indexed.
_UNINDEXED_USER_FIELDS = frozenset({"last_login", "password", "email_verified_at", "is_staff"})
_UNINDEXED_PROFILE_FIELDS = frozenset({"avatar", "updated_at"})


def person_document(user: User) -> Document | None:
    if not user.is_active or user.deleted_at is not None:
        return None
    # What everyone may see is what a visitor who is not signed in sees; its labels (sectors)
    # in the site's language, whatever the language of the request that saved the profile.
    with translation.override(settings.LANGUAGE_CODE):
        shown = profile_for_viewer(viewer=AnonymousUser(), person=user)
    words = [
        shown.full_name,
        shown.full_name_kana,
        shown.bio,
        *(shown.skills or []),
        *(shown.themes or []),
        *(shown.sectors or []),
    ]
    if shown.municipality is not None:
        words.append(shown.municipality.full_name)
    return Document(title=user.display_name, body="\n".join(str(w) for w in words if w))


def visible_people(viewer: Any) -> QuerySet[User]:
    """Everyone may open an active person's page (``accounts.view_profile``)."""
    return User.objects.filter(is_active=True, deleted_at__isnull=True)


def person_url(user: User) -> str:
    return reverse("accounts:person", args=[user.pk])


def _touches(update_fields: Any, unindexed: frozenset[str]) -> bool:
    return update_fields is None or not set(update_fields) <= unindexed


def _user_saved(sender: Any, instance: User, **kwargs: Any) -> None:
    from kyoso.search.services import index_once_on_commit, unindex_object

    if kwargs.get("raw") or not _touches(kwargs.get("update_fields"), _UNINDEXED_USER_FIELDS):
        return
    if not instance.is_active or instance.deleted_at is not None:
        unindex_object(instance)  # person_document() says None: gone with the erasure
    else:
        index_once_on_commit(User, instance.pk)


def _profile_saved(sender: Any, instance: Profile, **kwargs: Any) -> None:
    from kyoso.search.services import index_once_on_commit

    if not kwargs.get("raw") and _touches(kwargs.get("update_fields"), _UNINDEXED_PROFILE_FIELDS):
        index_once_on_commit(User, instance.user_id)


def _user_deleted(sender: Any, instance: User, **kwargs: Any) -> None:
    from kyoso.search.services import unindex_object

    unindex_object(instance)


def register() -> None:
    """Register people with the search registry and keep their documents in step."""
    registry.register(
        TYPE_KEY,
        label=_("人"),
        model=User,
        document=person_document,
        visible=visible_people,
        url=person_url,
        order=30,
    )
    post_save.connect(_user_saved, sender=User, dispatch_uid="kyoso.accounts.search.user")
    post_save.connect(_profile_saved, sender=Profile, dispatch_uid="kyoso.accounts.search.profile")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid="kyoso.accounts.search.deleted")
