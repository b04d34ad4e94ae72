"""Rules of the archive (``archive.<verb>_<model>``), registered by register().

Who may do what (``tests/test_permissions.py`` enumerates this table):

- see an item: everyone once published for everyone; signed-in members once published for
  members; a draft or an item in review only its authors and the secretariat (a 404 for
  everyone else, not a 403);
- write an item (``add_item``): the secretariat, and verified members who belong to an
  organization (the people who write reports and case studies in seed 000);
- edit: the authors while a draft; the secretariat in every state (an edit of a published item
  is a new version);
- ask for review (``submit_item``): the authors or the secretariat, on a draft;
- publish, or send back to draft with a reason: the secretariat, on an item in review
  (a published item may also be taken back to draft by the secretariat);
- see older versions: the authors and the secretariat;
- add or remove attachments: whoever may edit.
"""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from kyoso.accounts.rules import is_email_verified, is_secretariat_member
from kyoso.archive.models import Attachment, Audience, Item, Status
from kyoso.core.rules import is_active_member

#: Attribute where the first rule asked keeps (viewer id, is an author?) on an item.
VIEWER_AUTHORS = "viewer_authors_item"

staff = is_secretariat_member
verified_member = is_active_member & is_email_verified


def _authenticated(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def item_of(obj: Any) -> Item | None:
    if isinstance(obj, Item):
        return obj
    if isinstance(obj, Attachment):
        return obj.item
    return None


def authors(user: Any, item: Item | None) -> bool:
    """Whether ``user`` wrote ``item`` (created it or is one of its authors)."""
    if item is None or item.pk is None or not _authenticated(user):
        return False
    kept = getattr(item, VIEWER_AUTHORS, None)
    if kept is not None and kept[0] == user.pk:
        return bool(kept[1])
    if item.created_by_id == user.pk:
        answer = True
    elif "authorships" in getattr(item, "_prefetched_objects_cache", {}):
        answer = any(a.user_id == user.pk for a in item.authorships.all())
    else:
        answer = item.authorships.filter(user_id=user.pk).exists()
    setattr(item, VIEWER_AUTHORS, (user.pk, answer))
    return answer


def belongs_to_an_organization(user: Any) -> bool:
    if not _authenticated(user):
        return False
    from kyoso.orgs.selectors import memberships_of_user

    return memberships_of_user(user).exists()


def visible_or_404(user: Any, item: Item) -> Item:
    """The item, or a 404 for whoever may not see it: a draft or an item in review does not
    exist for anyone but its authors and the secretariat. A members-only published item is
    given back to an anonymous visitor, so that the view's rule sends them to log in."""
    if rules.has_perm("archive.view_item", user, item):
        return item
    if item.is_published and not _authenticated(user):
        return item
    raise Http404


@rules.predicate
def is_item(user, obj) -> bool:
    return item_of(obj) is not None


@rules.predicate
def is_public(user, obj) -> bool:
    item = item_of(obj)
    return item is not None and item.is_published and item.audience == Audience.PUBLIC


@rules.predicate
def is_for_members(user, obj) -> bool:
    item = item_of(obj)
    return item is not None and item.is_published and item.audience == Audience.MEMBERS


@rules.predicate
def is_draft(user, obj) -> bool:
    item = item_of(obj)
    return item is not None and item.status == Status.DRAFT


@rules.predicate
def in_review(user, obj) -> bool:
    item = item_of(obj)
    return item is not None and item.status == Status.REVIEW


@rules.predicate
def is_published(user, obj) -> bool:
    item = item_of(obj)
    return item is not None and item.is_published


@rules.predicate
def is_author(user, obj) -> bool:
    return authors(user, item_of(obj))


@rules.predicate
def in_an_organization(user) -> bool:
    return belongs_to_an_organization(user)


may_edit = is_item & ((is_draft & is_author) | staff)


def register() -> None:
    """Register every rule of the app (called once from the app's ready())."""
    rules.set_perm(
        "archive.view_item",
        is_item & (is_public | (is_for_members & is_active_member) | is_author | staff),
    )
    rules.set_perm("archive.add_item", verified_member & (staff | in_an_organization))
    rules.set_perm("archive.change_item", is_active_member & may_edit)
    rules.set_perm("archive.submit_item", is_active_member & is_draft & (is_author | staff))
    rules.set_perm("archive.publish_item", in_review & staff)
    rules.set_perm("archive.return_item", (in_review | is_published) & staff)
    rules.set_perm("archive.view_versions", is_item & is_active_member & (is_author | staff))
    rules.set_perm("archive.add_attachment", is_active_member & may_edit)
    rules.set_perm("archive.delete_attachment", is_active_member & may_edit)
    rules.set_perm("archive.list_mine", is_active_member)
