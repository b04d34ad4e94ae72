"""Rules of the roles app: only the secretariat (and superusers) see and change roles."""

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser


def register() -> None:
    rules.set_perm("roles.view_roles", is_secretariat_member | is_superuser)
    rules.set_perm("roles.change_roles", is_secretariat_member | is_superuser)
