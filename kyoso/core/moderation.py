"""The secretariat's report queues, shared by every app that takes reports (通報).

An app's ``Report`` model has a foreign key to what it is about (the *owner*: an issue, a
project) and an optional ``comment``; :func:`grouped_open_reports` pages the open reports
grouped by (owner, comment), the longest-waiting group first, in three queries whatever the
page holds: 1 the number of groups, 2 this page's groups, 3 their open reports with
``related``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Min, Q, QuerySet


def grouped_open_reports(
    open_reports: QuerySet[Any],
    *,
    owner: str,
    related: tuple[str, ...],
    number: Any,
    page_size: int,
) -> tuple[Page, list[tuple[datetime, list[Any]]]]:
    """The page of groups, and for each group still open its first report's time and its
    reports (oldest first). A group closed between the queries is left out."""
    owner_id = f"{owner}_id"
    groups = (
        open_reports.values(owner_id, "comment_id")
        .annotate(first_at=Min("created_at"), report_count=Count("id"))
        .order_by("first_at", owner_id, F("comment_id").asc(nulls_first=True))
    )
    page = Paginator(groups, page_size).get_page(number)
    keys = [(row[owner_id], row["comment_id"]) for row in page]
    if not keys:
        return page, []
    condition = Q()
    for owner_pk, comment_id in keys:
        condition |= (
            Q(**{owner_id: owner_pk, "comment_id": comment_id})
            if comment_id is not None
            else Q(**{owner_id: owner_pk, "comment__isnull": True})
        )
    reports = open_reports.filter(condition).select_related(*related).order_by("created_at", "id")
    by_key: dict[tuple[int, int | None], list[Any]] = {key: [] for key in keys}
    for report in reports:
        by_key[(getattr(report, owner_id), report.comment_id)].append(report)
    return page, [
        (row["first_at"], by_key[key]) for row, key in zip(page, keys, strict=True) if by_key[key]
    ]
