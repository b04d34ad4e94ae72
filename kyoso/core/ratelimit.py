"""Fixed-window rate limits kept in the cache (decision 0018, docs/security.md).

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
from django.http import HttpRequest
from django.shortcuts import render


def client_address(request: HttpRequest) -> str:
    """The caller's address as the app server sees it (gunicorn sets REMOTE_ADDR from the
    proxy's X-Forwarded-For for the addresses in ``--forwarded-allow-ips``)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


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
