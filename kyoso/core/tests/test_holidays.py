"""Holiday names in the language of the page: jpholiday's Japanese names, English from the table."""

from __future__ import annotations

import re
from datetime import date

import jpholiday
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kyoso.core.holidays import ENGLISH, holiday_name

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def every_name_jpholiday_gives() -> set[str]:
    return {name for year in range(1948, 2051) for _, name in jpholiday.year_holidays(year)}


def test_every_holiday_jpholiday_names_has_an_english_name():
    names = every_name_jpholiday_gives()
    assert "こどもの日 振替休日" in names and "国民の休日" in names
    with translation.override("en"):
        english = {name: holiday_name(name) for name in names}
    assert [f"{ja} → {en}" for ja, en in english.items() if JAPANESE.search(en)] == []


@pytest.mark.parametrize(
    ("name", "japanese", "english"),
    [
        ("元日", "元日", "New Year's Day"),
        ("国民の休日", "国民の休日", "Citizens' Holiday"),
        ("こどもの日 振替休日", "こどもの日 振替休日", "Substitute Holiday (Children's Day)"),
        ("スポーツの日", "スポーツの日", "Sports Day"),
        ("まだない祝日", "まだない祝日", "まだない祝日"),  # a name jpholiday may add later
    ],
)
def test_a_name_in_japanese_and_english(name, japanese, english):
    with translation.override("ja"):
        assert holiday_name(name) == japanese
    with translation.override("en"):
        assert holiday_name(name) == english


def test_the_table_knows_only_real_names():
    assert set(ENGLISH) - {"振替休日"} <= every_name_jpholiday_gives()


@pytest.mark.django_db
def test_the_calendar_names_holidays_in_the_language_of_the_page(english):
    # May 2024: こどもの日 is Sunday the 5th, so Monday the 6th is its substitute holiday.
    assert date(2024, 5, 5).isoweekday() == 7
    url = reverse("events:calendar")
    japanese_page = Client().get(url, {"month": "2024-05"}).content.decode()
    english_page = english.get(url, {"month": "2024-05"}).content.decode()
    assert '<span class="holiday-name">こどもの日</span>' in japanese_page
    assert '<span class="holiday-name">こどもの日 振替休日</span>' in japanese_page
    assert '<span class="holiday-name">Children&#x27;s Day</span>' in english_page
    assert "Substitute Holiday (Children&#x27;s Day)</span>" in english_page
    assert "Constitution Memorial Day" in english_page and "憲法記念日" not in english_page
