"""The network app's block on the personal dashboard (kyoso.core.home)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

WAITING = 5


def introductions_waiting(viewer: Any, filters: home.HomeFilters) -> dict[str, Any] | None:
    """Introductions waiting for the viewer's answer, oldest first (1 query); left out when
    there are none (an attention block says what needs doing, not that nothing does)."""
    from kyoso.network.selectors import introductions_awaiting

    rows = list(introductions_awaiting(viewer)[:WAITING])
    if not rows:
        return None
    return {"introductions": rows, "more_url": reverse("introductions:list")}


def register() -> None:
    home.register_dashboard(
        "network.waiting",
        title=_("返事を待っている紹介"),
        order=15,
        template="network/blocks/waiting.html",
        data=introductions_waiting,
        section=home.ATTENTION,
    )
