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
:data:`LIST_SECONDS`. A page whose content moves with the clock at exact moments (the
events' "upcoming" tab, which an event leaves the moment it ends) must not use it as it is.
Signed-in viewers never read or write these fragments: their pages show what is theirs
(buttons, drafts they may see).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import translation
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


def anonymous_fragment(
    request: HttpRequest, name: str, *, depends_on: Iterable[str], render: Callable[[], str]
) -> SafeString:
    """``render()`` for a signed-in viewer or a request other than GET; for an anonymous GET,
    the cached HTML when current, else ``render()`` stored for the next visitor."""
    if request.method != "GET" or request.user.is_authenticated:
        return mark_safe(render())  # noqa: S308 - rendered by the template engine
    key = fragment_key(request, name, depends_on)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, LIST_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by the template engine
