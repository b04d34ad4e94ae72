"""The fund app's dashboard block (kyoso.core.home): my donations."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

MY_DONATIONS = 5


def my_donations(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The viewer's latest donations with their fund and receipt (1 query)."""
    from kyoso.funding.selectors import donations_of_user

    return {
        "donations": list(donations_of_user(viewer)[:MY_DONATIONS]),
        "more_url": reverse("funding:mine"),
    }


def register() -> None:
    home.register_dashboard(
        "funding.donations",
        title=_("わたしの寄附"),
        order=46,
        template="funding/blocks/mine.html",
        data=my_donations,
    )
