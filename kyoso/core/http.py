"""Request types for views that the policy layer has already checked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from kyoso.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in (guarded by ``login_required`` or a member rule)."""

    user: User  # type: ignore[assignment]
