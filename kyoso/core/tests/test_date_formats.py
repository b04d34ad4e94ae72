"""One style of dates per language, named in kyoso/formats and used by every template."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from kyoso.core.wareki import TOKYO
from kyoso.formats.en import formats as en
from kyoso.formats.ja import formats as ja

KYOSO = Path(__file__).resolve().parents[2]
MOMENT = datetime(2026, 12, 5, 14, 0, 30, tzinfo=TOKYO)  # a Saturday

EXPECTED = {
    "DATE_FORMAT": ("2026年12月5日", "5 Dec 2026"),
    "SHORT_DATE_FORMAT": ("2026年12月5日", "5 Dec 2026"),
    "DATETIME_FORMAT": ("2026年12月5日 14:00", "5 Dec 2026, 14:00"),
    "SHORT_DATETIME_FORMAT": ("2026年12月5日 14:00", "5 Dec 2026, 14:00"),
    "PRECISE_DATETIME_FORMAT": ("2026年12月5日 14:00:30", "5 Dec 2026, 14:00:30"),
    "TIME_FORMAT": ("14:00", "14:00"),
    "YEAR_MONTH_FORMAT": ("2026年12月", "December 2026"),
    "MONTH_DAY_FORMAT": ("12月5日", "5 Dec"),
    "MONTH_DAY_TIME_FORMAT": ("12月5日 14:00", "5 Dec, 14:00"),
    "MONTH_DAY_WEEKDAY_FORMAT": ("12/5（土）", "Sat, 5 Dec"),
    "WEEKDAY_DATE_FORMAT": ("2026年12月5日（土）", "Sat, 5 Dec 2026"),
    "WEEKDAY_DATETIME_FORMAT": ("2026年12月5日（土） 14:00", "Sat, 5 Dec 2026, 14:00"),
    "SHORT_WEEKDAY_FORMAT": ("土", "Sat"),
}


def _names(module) -> set[str]:
    return {name for name in vars(module) if name.endswith("_FORMAT")}


def test_both_languages_define_the_same_formats():
    assert _names(ja) == _names(en) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_format_in_japanese_and_english(name):
    template = Template("{{ moment|date:name }}")
    context = Context({"moment": MOMENT, "name": name})
    with translation.override("ja"):
        japanese = template.render(context)
    with translation.override("en"):
        english = template.render(context)
    assert (japanese, english) == EXPECTED[name]


def test_a_date_without_a_time():
    template = Template('{{ day|date:"DATE_FORMAT" }}')
    with translation.override("en"):
        assert template.render(Context({"day": date(2027, 1, 9)})) == "9 Jan 2027"
    with translation.override("ja"):
        assert template.render(Context({"day": date(2027, 1, 9)})) == "2027年1月9日"


#: What a template may pass to ``|date``: a format named in kyoso/formats, or a machine value
#: (``c`` for ``<time datetime>``, ``Y-m`` for the calendar's month parameter, ``Y-m-d`` for a
#: day in a URL parameter or a form value).
ALLOWED = re.compile(r"""^(["'])([A-Z_]+_FORMAT|c|Y-m|Y-m-d)\1$""")


def test_templates_name_a_format_instead_of_spelling_one():
    spelled = []
    for path in KYOSO.rglob("templates/**/*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        for argument in re.findall(r"\|date:([^\s}|]+)", path.read_text()):
            if not ALLOWED.match(argument):
                spelled.append(f"{path.relative_to(KYOSO)}: {argument}")
    assert spelled == []
