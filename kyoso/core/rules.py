"""Rules every app shares: the two trivial ones and the predicates other apps compose."""

import rules

from kyoso.core.policy import AUTHENTICATED, PUBLIC


@rules.predicate
def is_active_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def register() -> None:
    rules.set_perm(PUBLIC, rules.always_allow)
    rules.set_perm(AUTHENTICATED, is_active_member)
