"""A hub's figures per fiscal year (年度, April–March): consultations by theme, introductions
made, the share of consultations followed up, unique people consulted, and the space usage the
hubs app gives (:mod:`kyoso.concierge.space_usage`).

Definitions (docs/concierge.md):

- a consultation counts when it was **held** (booked and held, or a walk-in) and started in the
  fiscal year; cancelled ones and no-shows do not;
- by theme: each held consultation counts once under each of its themes, and once under
  「テーマなし」 when it has none (the rows thus add up to more than the total);
- introductions: rows of the hub's consultations whose date is in the fiscal year;
- followed up: held consultations whose follow-up was marked done, over all held ones;
- unique people: distinct accounts consulted, plus each walk-in without an account.

Erasing a person's account keeps their consultations (emptied of text) so these counts do not
change afterwards.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from kyoso.concierge.models import Consultation, ConsultationStatus, Introduction
from kyoso.concierge.space_usage import SpaceUsage, space_usage_figures
from kyoso.core.fiscal import fiscal_year_range
from kyoso.issues.vocab import Theme

NO_THEME = ""


@dataclass(frozen=True)
class HubFigures:
    hub_id: int
    fiscal_year: int
    consultations: int
    by_theme: list[tuple[str, int]]  # (theme key or "" for none, count), largest first
    introductions: int
    followed_up: int
    unique_people: int
    space_usage: SpaceUsage

    @property
    def followed_up_share(self) -> float | None:
        return self.followed_up / self.consultations if self.consultations else None

    @property
    def followed_up_percent(self) -> str:
        share = self.followed_up_share
        return "—" if share is None else f"{share * 100:.1f}%"

    def theme_rows(self) -> list[tuple[str, int, int]]:
        """(label, count, bar width in percent of the largest, in steps of 5) for the chart and
        the table; pages.css has a class per step (no style attributes under the CSP)."""
        top = max((n for _k, n in self.by_theme), default=0)
        return [
            (theme_label(key), n, 5 * round(n * 20 / top) if top else 0) for key, n in self.by_theme
        ]


def theme_label(key: str) -> str:
    from django.utils.translation import gettext

    if key == NO_THEME:
        return gettext("テーマなし")
    return str(Theme(key).label) if key in Theme.values else key


def fiscal_bounds(fiscal_year: int) -> tuple[datetime, datetime]:
    """The fiscal year as [start, end) aware datetimes in the site's time zone."""
    first, last = fiscal_year_range(fiscal_year)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(first, time.min), zone),
        timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone),
    )


def hub_figures(hub: Any, fiscal_year: int) -> HubFigures:
    """Two queries for the consultations and introductions, plus the hubs app's own."""
    start, end = fiscal_bounds(fiscal_year)
    held = Consultation.objects.filter(
        hub_id=hub.pk,
        status=ConsultationStatus.HELD,
        starts_at__gte=start,
        starts_at__lt=end,
    ).values_list("person_id", "themes", "followed_up_at")
    themes: Counter[str] = Counter()
    people: set[int] = set()
    anonymous = 0
    followed = 0
    total = 0
    for person_id, keys, followed_up_at in held:
        total += 1
        for key in keys or [NO_THEME]:
            themes[key] += 1
        if person_id is None:
            anonymous += 1
        else:
            people.add(person_id)
        if followed_up_at is not None:
            followed += 1
    first, last = fiscal_year_range(fiscal_year)
    introductions = Introduction.objects.filter(
        consultation__hub_id=hub.pk, introduced_on__gte=first, introduced_on__lte=last
    ).count()
    order = {key: i for i, key in enumerate(Theme.values)}
    by_theme = sorted(themes.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order))))
    return HubFigures(
        hub_id=hub.pk,
        fiscal_year=fiscal_year,
        consultations=total,
        by_theme=by_theme,
        introductions=introductions,
        followed_up=followed,
        unique_people=len(people) + anonymous,
        space_usage=space_usage_figures(hub, fiscal_year),
    )


def figures_rows(figures: HubFigures, hub_name: str) -> list[list[object]]:
    """The rows of the CSV download: a header, then one (section, item, value) per figure."""
    from django.utils.translation import gettext as _

    rows: list[list[object]] = [[_("拠点"), _("年度"), _("区分"), _("項目"), _("値")]]
    fy = figures.fiscal_year

    def add(section: str, item: str, value: object) -> None:
        rows.append([hub_name, fy, section, item, value])

    add(_("相談"), _("相談件数"), figures.consultations)
    add(_("相談"), _("相談した人（実人数）"), figures.unique_people)
    add(_("相談"), _("紹介の件数"), figures.introductions)
    add(_("相談"), _("フォローアップ済みの相談"), figures.followed_up)
    add(_("相談"), _("フォローアップ済みの割合"), figures.followed_up_percent)
    for label, count, _width in figures.theme_rows():
        add(_("テーマ別の相談"), label, count)
    usage = figures.space_usage
    for space in usage.spaces:
        add(_("スペースの利用"), space.name + " " + _("予約時間"), f"{space.hours:.1f}")
        if space.occupancy is not None:
            add(_("スペースの利用"), space.name + " " + _("稼働率"), f"{space.occupancy:.1%}")
    add(_("スペースの利用"), _("ドロップイン（1日利用）"), usage.day_passes)
    add(_("スペースの利用"), _("利用した人（実人数）"), usage.unique_users)
    return rows
