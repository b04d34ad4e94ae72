"""Rules of the search app: the secretariat (and superusers) keep the local synonyms.

Searching itself is public (kyoso.core.views.search)."""

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser


def register() -> None:
    rules.set_perm("search.manage_synonyms", is_secretariat_member | is_superuser)
