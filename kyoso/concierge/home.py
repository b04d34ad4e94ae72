"""The concierge's block on the dashboard (kyoso.core.home): follow-ups due, consultations to
record and those to come, each linking to the desk at ``/concierge/``.

Only concierges see it. Its ``visible`` predicate reads the site's concierges from the cache
(:func:`kyoso.concierge.selectors.is_concierge`), so the dashboard of everyone else runs no
query for it once the cache is warm.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kyoso.core import home


def desk_block(viewer: Any, filters: home.HomeFilters) -> dict[str, Any]:
    """The concierge's three queues, counted in one query."""
    from kyoso.concierge.selectors import desk_counts

    counts = desk_counts(viewer)
    desk = reverse("concierge:desk")
    return {
        "rows": [
            {
                "label": _("期日が来たフォローアップ"),
                "count": counts["follow_ups_due"],
                "url": desk + "#follow-ups",
            },
            {
                "label": _("記録を書く相談"),
                "count": counts["to_record"],
                "url": desk + "#to-record",
            },
            {
                "label": _("これからの予約"),
                "count": counts["upcoming"],
                "url": desk + "#upcoming",
            },
        ],
        "more_url": desk,
    }


def register() -> None:
    from kyoso.concierge.selectors import is_concierge

    home.register_dashboard(
        "concierge.desk",
        title=_("コンシェルジュの窓口"),
        order=20,
        template="concierge/blocks/desk.html",
        data=desk_block,
        section=home.ATTENTION,
        visible=is_concierge,
    )
