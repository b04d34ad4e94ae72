"""Anonymous fragments of public list pages (issue 20): the part of a page below the header
that is the same for every signed-out visitor, cached per page, query, language and the
versions of the apps it reads.

A whole page is never cached: ``base.html`` carries the per-request Content-Security-Policy
nonce (and a signed-in person's menu), so a cached page would freeze one nonce for every
visitor. The view renders its fragment (a template with no ``{% csrf_token %}`` and no
``csp_nonce``: a GET form and links only) through :func:`anonymous_fragment` and puts the
HTML into its page, which is rendered per request as before.

Invalidation is by the versions of :mod:`kyoso.core.home`: the services that change what a
list shows already bump their app's version (``touch_on_commit("issues")``), so the next
anonymous request after a write renders the fragment again. Fragments also expire after
:data:`LIST_SECONDS`. A list whose content moves with the clock at exact moments (the events'
"upcoming" tab, which an event leaves the moment it ends) returns, with its HTML, the moment
after which the fragment is stale, checked against the clock on every read, so a fragment is
never served past it. Signed-in viewers never read or write
these fragments: their pages show what is theirs (buttons, drafts they may see).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from kyoso.core.home import versions_of

#: Seconds an anonymous list fragment is kept at most (writes invalidate it sooner).
LIST_SECONDS = 60

_PREFIX = "kyoso:page:anon:"


def fragment_key(request: HttpRequest, name: str, depends_on: Iterable[str]) -> str:
    """The cache key of a page's fragment: its name, the apps' versions, the language and the
    query (sorted, so the order of parameters does not make another entry)."""
    versions = versions_of(depends_on)
    query = sorted(request.GET.lists())
    digest = hashlib.sha256(repr(query).encode()).hexdigest()[:32]
    language = translation.get_language() or ""
    parts = ",".join(f"{n}{v}" for n, v in sorted(versions.items()))
    return f"{_PREFIX}{name}:{parts}:{language}:{digest}"


#: What a fragment's ``render`` returns: the HTML, or the HTML and the last moment it is right.
Rendered = str | tuple[str, datetime | None]


def anonymous_fragment(
    request: HttpRequest, name: str, *, depends_on: Iterable[str], render: Callable[[], Rendered]
) -> SafeString:
    """``render()`` for a signed-in viewer or a request other than GET; for an anonymous GET,
    the cached HTML when current, else ``render()`` stored for the next visitor.

    ``render()`` may return ``(html, valid_until)``: the fragment is rendered again once the
    clock passes ``valid_until`` (read on every hit, so a frozen or moved clock is obeyed); a
    moment already past means "do not keep it"; ``None``, no such moment.
    """
    if request.method != "GET" or request.user.is_authenticated:
        return mark_safe(_split(render())[0])  # noqa: S308 - rendered by the template engine
    key = fragment_key(request, name, depends_on)
    entry = cache.get(key)
    now = timezone.now()
    if entry is not None and (entry[1] is None or now <= entry[1]):
        return mark_safe(entry[0])  # noqa: S308 - rendered by the template engine
    html, until = _split(render())
    if until is None:
        cache.set(key, (html, None), LIST_SECONDS)
    elif until >= now:
        seconds = min(LIST_SECONDS, int((until - now).total_seconds()) + 1)
        cache.set(key, (html, until), seconds)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine


def _split(rendered: Rendered) -> tuple[str, datetime | None]:
    return rendered if isinstance(rendered, tuple) else (rendered, None)
