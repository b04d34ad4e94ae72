"""Rules of the accounts app."""

import rules

from kyoso.accounts.models import Visibility
from kyoso.core.rules import is_active_member
from kyoso.roles.selectors import is_secretariat


@rules.predicate
def is_anonymous(user) -> bool:
    return not (user and user.is_authenticated)


@rules.predicate
def is_secretariat_member(user) -> bool:
    return is_secretariat(user)


@rules.predicate
def is_self(user, target) -> bool:
    return bool(target is not None and user.is_authenticated and user.pk == target.pk)


@rules.predicate
def target_is_active(user, target) -> bool:
    return bool(target is not None and target.is_active and target.deleted_at is None)


@rules.predicate
def is_email_verified(user) -> bool:
    return bool(user.is_authenticated and user.email_verified_at is not None)


def can_see_field(viewer, profile, field: str) -> bool:
    """Per-field visibility: public / members (signed in) / secretariat only (and self)."""
    level = profile.visibility_of(field)
    if viewer.is_authenticated and viewer.pk == profile.user_id:
        return True
    if level == Visibility.PUBLIC:
        return True
    if level == Visibility.MEMBERS:
        return bool(is_active_member(viewer))
    return is_secretariat(viewer)


def register() -> None:
    rules.set_perm("accounts.signup", is_anonymous)
    rules.set_perm("accounts.login", rules.always_allow)
    rules.set_perm("accounts.view_profile", target_is_active | is_secretariat_member)
    rules.set_perm("accounts.change_own_account", is_active_member)
    rules.set_perm("accounts.verified_member", is_active_member & is_email_verified)
    rules.set_perm("accounts.manage_security", is_secretariat_member)
