"""Fixed-window rate limits kept in the cache (decision 0018, docs/security.md), per client
address (``kyoso.core.http.client_address``: behind the proxy, from ``X-Forwarded-For``) and
per account.

The cache is the file cache every gunicorn worker of a host shares, or Redis
(``CACHE_URL=redis://…``) shared by every host, so a limit holds across processes. A window is
one counter: ``cache.add`` starts it with the window as its timeout, ``cache.incr`` counts
(atomic on Redis). Limits are in ``settings.KYOSO_RATE_LIMITS`` as ``scope: (count, seconds)``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from kyoso.core.http import client_address


def hit(scope: str, key: str) -> int:
    """Count one attempt of ``key`` in ``scope``; return the seconds to wait (0: allowed)."""
    count, window = settings.KYOSO_RATE_LIMITS[scope]
    bucket = int(time.time() // window)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"kyoso:rate:{scope}:{digest}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 1):
        used = 1
    else:
        try:
            used = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window
            cache.add(cache_key, 1, timeout=window + 1)
            used = 1
    if used <= count:
        return 0
    return max(1, int((bucket + 1) * window - time.time()))


def limit_posts(scope: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse a view's POSTs past the scope's limit per client address with a 429 page."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method == "POST":
                wait = hit(scope, client_address(request))
                if wait:
                    response = render(request, "errors/429.html", {"seconds": wait}, status=429)
                    response["Retry-After"] = str(wait)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


# --- Posting forms: per address and per account, the form kept ------------------------------

#: Shown above a refused form; what was typed stays in it (the form is re-rendered with it).
TOO_MANY = _(
    "短い時間に送信が続いたため、受け付けを一時的に止めています。"
    "%(seconds)s秒ほど待ってからもう一度送信してください。入力した内容はそのまま残っています。"
)


def posting_wait(request: HttpRequest, scope: str) -> int:
    """Count one POST of ``scope`` for the caller's address (``scope``) and, when signed in,
    for the account (``<scope>_account``); the seconds to wait, 0 when allowed. Both are
    counted even when one is over, so that a refused caller does not save up attempts."""
    if request.method != "POST":
        return 0
    waits = [hit(scope, client_address(request))]
    user = getattr(request, "user", None)
    account_scope = f"{scope}_account"
    if user is not None and user.is_authenticated and account_scope in settings.KYOSO_RATE_LIMITS:
        waits.append(hit(account_scope, f"user:{user.pk}"))
    return max(waits)


def refuse_form(request: HttpRequest, form: Any, scope: str, *, field: str | None = None) -> int:
    """For a view that re-renders ``form`` when it is not valid: past the limit the form gets
    the 429 message (on ``field``, else as a non-field error), so it is not valid and shows
    what was typed. Call it before ``form.is_valid()``; pass the response through
    :func:`answer`."""
    wait = posting_wait(request, scope)
    if wait:
        form.is_valid()
        form.add_error(field, str(TOO_MANY % {"seconds": wait}))
    return wait


def answer(response: HttpResponse, wait: int) -> HttpResponse:
    """``response`` as a 429 with ``Retry-After`` when ``wait`` (else unchanged)."""
    if wait:
        response.status_code = 429
        response["Retry-After"] = str(wait)
    return response
