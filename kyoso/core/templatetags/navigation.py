"""``{% nav_links %}``: the header menu's links (``includes/nav_links.html``).

For signed-out visitors the menu is the same on every page in a language, and every page shows
it twice (wide and narrow), so it is rendered once per language, URLconf and set of registered
entries and kept in the process (``kyoso.core.navigation.items`` clears it when an entry is
registered). Signed-in people's menu names them and is rendered per request.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from kyoso.core import navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_links(context: Any) -> SafeString:
    user = context.get("user")
    if user is not None and user.is_authenticated:
        return mark_safe(render_to_string("includes/nav_links.html", context.flatten()))  # noqa: S308
    key = navigation.cache_key(translation.get_language() or "")
    html = navigation.rendered.get(key)
    if html is None:
        html = render_to_string(
            "includes/nav_links.html", {"nav_items": navigation.items(), "user": user}
        )
        navigation.rendered[key] = html
    return mark_safe(html)  # noqa: S308 - rendered by the template engine
