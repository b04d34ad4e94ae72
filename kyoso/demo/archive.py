"""Loading the demo's archive (data in ``kyoso/demo/data/archive.py``): tips against the 14
walls of seed 004 and a few reports and case studies.

Idempotent like the rest of ``load-demo``: an item is looked up by its title; only what is
missing is created. Everything goes through the archive's services as its people would: the
author writes a draft and asks for review, the secretariat publishes it (so the status
history, the first version and the audit rows are there).
"""

from __future__ import annotations

from typing import Any

from kyoso.demo.data.archive import ITEMS


def load_archive(run: Any) -> None:
    """The ``load_archive`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.archive.models import Item
    from kyoso.archive.services import ItemData, item_create, item_publish, item_submit
    from kyoso.search.services import index_object

    for entry in ITEMS:
        run.totals["archive"] += 1
        if Item.objects.filter(title=entry["title"]).exists():
            continue
        author = run.users[entry["author"]]
        item = item_create(
            actor=author,
            data=ItemData(
                kind=entry["kind"],
                title=entry["title"],
                summary=entry["summary"],
                body=entry["body"],
                year=entry["year"],
                audience=entry["audience"],
                themes=tuple(entry["themes"]),
                walls=tuple(entry["walls"]),
            ),
        )
        item_submit(actor=author, item=item)
        item = item_publish(actor=run.secretariat, item=item)
        index_object(item)  # the demo runs in one transaction: index now, not on commit
        run.created["archive"] += 1
