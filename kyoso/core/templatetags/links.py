"""``{{ url|safe_href }}``: a stored address as a link target only when it is http(s).

Forms validate URL fields, but a value can also come from the API, an import or an older row;
a ``javascript:`` or ``data:`` address must never reach an ``href`` (docs/security.md).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def safe_href(value: object) -> str:
    text = re.sub(r"[\x00-\x20]", "", str(value or ""))
    try:
        scheme = urlsplit(text).scheme.lower()
    except ValueError:
        return ""
    return str(value).strip() if scheme in ("http", "https") else ""
