"""Markdown that people write (issues, comments): rendered, then sanitized to a small allowlist.

markdown-it-py renders CommonMark with raw HTML switched off (``<script>`` is shown as text)
and images switched off; headings are moved down to h3/h4 so that a post never competes with
the page's own h1/h2. nh3 then keeps only the allowlisted tags, drops every attribute except
``href`` on links, allows only http, https and mailto links and adds ``rel="nofollow noopener"``.
Sanitizing after rendering means a bug or an extension in the renderer cannot open a hole.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h3", "h4"}
)
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"
_ALLOWED_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
#: Markdown heading level → the tag it becomes (# and ## → h3, ### and deeper → h4).
HEADING_TAGS = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def _validate_link(url: str) -> bool:
    return bool(_ALLOWED_LINK.match(url.strip()))


def _shift_heading(self, tokens, idx, options, env) -> str:  # type: ignore[no-untyped-def]
    token = tokens[idx]
    token.tag = HEADING_TAGS.get(token.tag, token.tag)
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False})
    md.disable(["image", "html_inline", "html_block"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.add_render_rule("heading_open", _shift_heading)
    md.add_render_rule("heading_close", _shift_heading)
    return md


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if _validate_link(value) else None
    return value


def sanitize_html(html: str) -> str:
    """Keep only the allowlisted tags and safe links of ``html``."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_keep_attribute,
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    """Markdown → sanitized HTML, safe to put in a template as is."""
    if not text:
        return mark_safe("")
    return mark_safe(sanitize_html(_renderer().render(text)))  # noqa: S308 - sanitized by nh3


def markdown_to_text(text: str) -> str:
    """The words of a Markdown text without its markup (for search and snippets)."""
    if not text:
        return ""
    html = _renderer().render(text)
    plain = nh3.clean(html, tags=set(), strip_comments=True)
    return re.sub(r"\s+", " ", nh3_unescape(plain)).strip()


def nh3_unescape(text: str) -> str:
    """nh3 escapes &, <, > and quotes in text; turn them back into characters."""
    import html

    return html.unescape(text)
