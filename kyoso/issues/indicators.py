"""The issues' figures as computed KPI sources (kyoso.core.indicators): issues posted and
issues moved into each support stage, per 年度 and per community (the community's linked
issues). Counted from the issues' own tables; the KPI app stores what these return."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kyoso.core.indicators import register
from kyoso.issues.models import Stage

#: The stages an issue moves into as it is worked on (seed 000's support stages).
MOVED_STAGES = (Stage.SURFACED, Stage.IN_ACTION, Stage.SOLVED, Stage.SPREAD)


def _in_year(field: str, fiscal_year: int) -> Q:
    from kyoso.events.figures import fiscal_year_bounds

    start, end = fiscal_year_bounds(fiscal_year)
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def issues_posted(fiscal_year: int, community_id: int | None) -> int:
    """Issues posted in the year that are public (not hidden, not awaiting review)."""
    from kyoso.issues.models import Issue

    rows = Issue.objects.filter(
        _in_year("created_at", fiscal_year), hidden_at__isnull=True, awaiting_review=False
    )
    if community_id is not None:
        rows = rows.filter(communities__id=community_id)
    return rows.count()


def _moved_to(stage: str) -> Callable[[int, int | None], int]:
    def moved(fiscal_year: int, community_id: int | None) -> int:
        from kyoso.issues.models import StageChange

        rows = StageChange.objects.filter(_in_year("at", fiscal_year), to_stage=stage)
        if community_id is not None:
            rows = rows.filter(issue__communities__id=community_id)
        return rows.values("issue_id").distinct().count()

    return moved


def register_sources() -> None:
    register(
        "issues.posted",
        label=_("投稿された課題の数"),
        unit="count",
        compute=issues_posted,
        per_community=True,
    )
    for stage in MOVED_STAGES:
        register(
            f"issues.moved_{stage.value}",
            label=format_lazy(_("「{stage}」に進んだ課題の数"), stage=stage.label),
            unit="count",
            compute=_moved_to(stage.value),
            per_community=True,
        )
