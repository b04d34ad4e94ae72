"""Japanese public holidays (jpholiday) with their names in the language of the page.

jpholiday names holidays in Japanese only (「元日」, 「こどもの日 振替休日」). Every name it can
return is a msgid here, so the English catalog translates it; until a name is in the catalog,
the Cabinet Office's official English name below is used, so an English page never shows a
Japanese holiday name. A substitute holiday is written from the name of the holiday it replaces.
"""

from __future__ import annotations

from datetime import date

import jpholiday
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

#: 振替休日: the weekday off when a holiday falls on a Sunday; jpholiday appends it to the name.
SUBSTITUTE = "振替休日"

#: Every name jpholiday returns (1948 onwards) → the official English name (内閣府).
ENGLISH: dict[str, str] = {
    gettext_noop("元日"): "New Year's Day",
    gettext_noop("成人の日"): "Coming of Age Day",
    gettext_noop("建国記念の日"): "National Foundation Day",
    gettext_noop("天皇誕生日"): "The Emperor's Birthday",
    gettext_noop("春分の日"): "Vernal Equinox Day",
    gettext_noop("昭和の日"): "Showa Day",
    gettext_noop("憲法記念日"): "Constitution Memorial Day",
    gettext_noop("みどりの日"): "Greenery Day",
    gettext_noop("こどもの日"): "Children's Day",
    gettext_noop("海の日"): "Marine Day",
    gettext_noop("山の日"): "Mountain Day",
    gettext_noop("敬老の日"): "Respect for the Aged Day",
    gettext_noop("秋分の日"): "Autumnal Equinox Day",
    gettext_noop("体育の日"): "Health and Sports Day",
    gettext_noop("スポーツの日"): "Sports Day",
    gettext_noop("文化の日"): "Culture Day",
    gettext_noop("勤労感謝の日"): "Labour Thanksgiving Day",
    gettext_noop("国民の休日"): "Citizens' Holiday",
    gettext_noop("振替休日"): "Substitute Holiday",
    gettext_noop("天皇の即位の日"): "Day of the Emperor's Enthronement",
    gettext_noop("即位礼正殿の儀"): "Enthronement Ceremony",
    gettext_noop("即位の礼正殿の儀"): "Enthronement Ceremony",
    gettext_noop("昭和天皇の大喪の礼"): "Funeral of Emperor Showa",
    gettext_noop("皇太子・明仁親王の結婚の儀"): "Wedding of Crown Prince Akihito",
    gettext_noop("皇太子・皇太子徳仁親王の結婚の儀"): "Wedding of Crown Prince Naruhito",
}

#: 「こどもの日 振替休日」 in other languages: "Substitute Holiday (Children's Day)".
SUBSTITUTE_OF = gettext_noop("%(holiday)s 振替休日")
SUBSTITUTE_OF_ENGLISH = "Substitute Holiday (%(holiday)s)"


def _translated(msgid: str, english: str) -> str:
    text = gettext(msgid)
    if text != msgid or (translation.get_language() or "ja").split("-")[0] == "ja":
        return text
    return english


def holiday_name(name: str) -> str:
    """jpholiday's Japanese ``name`` in the active language (unknown names are kept as is)."""
    base, _, substitute = name.partition(" ")
    if substitute == SUBSTITUTE:
        holiday = holiday_name(base)
        return _translated(SUBSTITUTE_OF, SUBSTITUTE_OF_ENGLISH) % {"holiday": holiday}
    return _translated(name, ENGLISH[name]) if name in ENGLISH else name


def month_holidays(year: int, month: int) -> dict[date, str]:
    """The month's holidays, by day, named in Japanese (jpholiday's names; see holiday_name)."""
    return dict(jpholiday.month_holidays(year, month))
