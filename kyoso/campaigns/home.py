"""The campaigns app's dashboard block (kyoso.core.home): the viewer's pledges."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home

MY_PLEDGES = 5


def my_pledges(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The viewer's latest pledges with their campaign (1 query)."""
    from kyoso.campaigns.selectors import pledges_of

    rows = list(pledges_of(viewer)[:MY_PLEDGES])
    return {"pledges": rows, "more_url": reverse("campaigns:mine")}


def has_pledged(viewer: Any) -> bool:
    from kyoso.campaigns.models import Pledge

    return Pledge.objects.filter(supporter_id=viewer.pk).exists()


def register() -> None:
    home.register_dashboard(
        "campaigns.mine",
        title=_("わたしの支援"),
        order=45,
        template="campaigns/blocks/mine.html",
        data=my_pledges,
    )
