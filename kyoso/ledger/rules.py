"""Rules of the ledger: the staff pages are read by the secretariat (and superusers). The
public figures are the fund app's transparency pages, not these."""

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser


def register() -> None:
    rules.set_perm("ledger.view_ledger", is_secretariat_member | is_superuser)
