import rules

from kyoso.accounts.rules import is_secretariat_member
from kyoso.core.rules import is_superuser


def register() -> None:
    rules.set_perm("sitepages.change_sitepage", is_secretariat_member | is_superuser)
    rules.set_perm("sitepages.change_sitesettings", is_secretariat_member | is_superuser)
