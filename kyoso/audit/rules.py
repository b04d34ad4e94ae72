"""Rules of the audit app: the audit log is read by the secretariat (and superusers).

``audit.view_auditevent`` is also the permission Django's admin asks for, so the read-only
admin page follows the same rule.
"""

import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser


def register() -> None:
    rules.set_perm("audit.view_auditevent", is_secretariat_member | is_superuser)
