"""Kyoso's date and time formats, one module per language (``FORMAT_MODULE_PATH``).

The one place where the site decides how a date looks. Templates name a format instead of
spelling one (``{{ value|date:"DATE_FORMAT" }}``, ``{{ value|date:"WEEKDAY_DATETIME_FORMAT" }}``),
Python code calls ``django.utils.formats.date_format(value, "DATE_FORMAT")``. Japanese writes
``2026年12月5日（土） 14:00``; English ``Sat, 5 Dec 2026, 14:00`` — day, short month, year,
24-hour clock, everywhere. Names Django does not know (``WEEKDAY_DATE_FORMAT`` …) are looked up
here all the same; every language of ``LANGUAGES`` defines every name.
"""
