"""The month calendar's query: which month and which filters."""

from __future__ import annotations

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kyoso.core.text import normalize_text
from kyoso.core.wareki import TOKYO
from kyoso.events.models import EventKind
from kyoso.events.selectors_calendar import ONLINE, VENUE, CalendarFilters
from kyoso.issues.vocab import Theme

MONTH_INVALID = _("「%(text)s」は月として読み取れません。「2021-06」の形で指定してください。")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})")


def this_month() -> date:
    return timezone.localtime(timezone.now(), TOKYO).date().replace(day=1)


class CalendarForm(forms.Form):
    month = forms.CharField(label=_("月"), required=False)
    kind = forms.ChoiceField(
        label=_("種類"), required=False, choices=[("", _("すべて")), *EventKind.choices]
    )
    theme = forms.ChoiceField(
        label=pgettext_lazy("one theme", "テーマ"),
        required=False,
        choices=[("", _("すべて")), *Theme.choices],
    )
    municipality = forms.ChoiceField(
        label=pgettext_lazy("one municipality", "市区町村"), required=False
    )
    community = forms.ChoiceField(
        label=pgettext_lazy("one community", "コミュニティ"), required=False
    )
    where = forms.ChoiceField(
        label=_("開催方法"),
        required=False,
        choices=[
            ("", _("すべて")),
            (ONLINE, _("オンラインで参加できる")),
            (VENUE, _("会場で参加できる")),
        ],
    )

    def __init__(self, *args, choices: dict[str, list[tuple[str, str]]], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        community = self.fields["community"]
        assert isinstance(municipality, forms.ChoiceField)
        assert isinstance(community, forms.ChoiceField)
        municipality.choices = [("", _("すべて")), *choices["municipalities"]]
        community.choices = [("", _("すべて")), *choices["communities"]]

    def clean_month(self) -> date:
        text = normalize_text(self.cleaned_data.get("month") or "")
        if not text:
            return this_month()
        match = _MONTH.fullmatch(text)
        if match and 1 <= int(match[2]) <= 12 and 1900 <= int(match[1]) <= 2999:
            return date(int(match[1]), int(match[2]), 1)
        raise forms.ValidationError(MONTH_INVALID, params={"text": text})

    def result(self) -> tuple[date, CalendarFilters]:
        """The month and filters, dropping whatever did not validate (errors are shown)."""
        data = getattr(self, "cleaned_data", {})
        month = data.get("month") or this_month()
        return month, CalendarFilters(
            kind=data.get("kind", ""),
            theme=data.get("theme", ""),
            municipality=data.get("municipality", ""),
            community=data.get("community", ""),
            where=data.get("where", ""),
        )
