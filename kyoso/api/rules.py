"""Rules of the api app: who may issue, list and revoke personal API tokens."""

import rules

from kyoso.core.rules import is_active_member


@rules.predicate
def owns_token(user, token) -> bool:
    return bool(token is not None and user.is_authenticated and token.user_id == user.pk)


def register() -> None:
    # Issuing a token checks the email and password (and TOTP) inside the operation.
    rules.set_perm("api.create_token", rules.always_allow)
    rules.set_perm("api.view_own_tokens", is_active_member)
    rules.set_perm("api.revoke_token", is_active_member & owns_token)
