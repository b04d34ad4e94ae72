"""Atom feeds of the lists that publish one (missions, challenges, the archive).

One builder, so every feed escapes its summaries the same way: Atom's summary is
``type="html"``, so a reader renders it, and text people typed (names, summaries) must arrive
as text, never as markup (found by the XSS corpus, docs/security.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.html import escape


@dataclass(frozen=True)
class Entry:
    title: str
    #: The entry's page, as a path (made absolute here).
    path: str
    #: Plain text; escaped here.
    summary: str
    published: datetime | None
    updated: datetime | None
    category: str


def atom_response(
    request: HttpRequest,
    *,
    title: Any,
    description: Any,
    list_url: str,
    feed_url: str,
    entries: Iterable[Entry],
) -> HttpResponse:
    """An Atom document of ``entries``; ``list_url`` and ``feed_url`` are URL names."""
    feed = feedgenerator.Atom1Feed(
        title=title,
        link=request.build_absolute_uri(reverse(list_url)),
        description=description,
        feed_url=request.build_absolute_uri(reverse(feed_url)),
        language=getattr(request, "LANGUAGE_CODE", "ja"),
    )
    for entry in entries:
        url = request.build_absolute_uri(entry.path)
        feed.add_item(
            title=entry.title,
            link=url,
            description=escape(entry.summary),
            unique_id=url,
            pubdate=entry.published,
            updateddate=entry.updated,
            categories=[entry.category],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
