"""Send staff who must use two-factor sign-in to its set-up page until they have done it."""

from __future__ import annotations

from django.contrib import messages as flash
from django.shortcuts import redirect
from django.urls import reverse

from kyoso.accounts import messages

ALLOWED_PREFIXES = ("/static/", "/media/", "/i18n/", "/healthz")
ALLOWED_URL_NAMES = (
    "accounts:security",
    "accounts:totp_start",
    "accounts:totp_confirm",
    "accounts:logout",
)


class TwoFactorEnforcementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed_paths: set[str] | None = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_set_up(request):
            flash.warning(request, messages.TOTP_REQUIRED_FOR_STAFF)
            return redirect("accounts:security")
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if request.path.startswith(ALLOWED_PREFIXES) or request.path.startswith("/api/"):
            return False
        if self._allowed_paths is None:
            self._allowed_paths = {reverse(name) for name in ALLOWED_URL_NAMES}
        if request.path in self._allowed_paths:
            return False
        from kyoso.accounts.services.security import has_confirmed_totp, two_factor_required

        return two_factor_required(request.user) and not has_confirmed_totp(request.user)
