"""Rules of LINE Login."""

import rules

from kyoso.accounts.rules import is_anonymous, is_secretariat_member
from kyoso.core.rules import is_active_member


def register() -> None:
    # Starting a LINE sign-in and coming back from LINE: anyone (the callback checks the state).
    rules.set_perm("linelogin.start_login", rules.always_allow)
    rules.set_perm("linelogin.signup", is_anonymous)
    rules.set_perm("linelogin.change_own_connection", is_active_member)
    rules.set_perm("linelogin.change_channel", is_secretariat_member)
