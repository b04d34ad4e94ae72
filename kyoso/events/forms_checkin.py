"""Forms of the check-in desk."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.events import messages_attendance as messages
from kyoso.events.models import Attendance
from kyoso.events.services.checkin import COUNT_DELTA_LIMIT, WALK_IN_NAME_MAX


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("受付コード"),
        max_length=40,
        error_messages={"required": messages.CODE_REQUIRED},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
        help_text=_("参加票の8文字のコード。小文字・全角・空白が混じっていても受け付けます。"),
    )


class WalkInForm(forms.Form):
    name = forms.CharField(
        label=_("当日参加の方の氏名"),
        max_length=WALK_IN_NAME_MAX,
        error_messages={"required": messages.WALK_IN_NAME_REQUIRED},
    )
    attendance = forms.ChoiceField(
        label=_("参加方法"), choices=Attendance.choices, initial=Attendance.VENUE
    )


class CountForm(forms.Form):
    delta = forms.IntegerField(
        label=_("増減する人数"),
        min_value=-COUNT_DELTA_LIMIT,
        max_value=COUNT_DELTA_LIMIT,
        error_messages={
            "required": messages.COUNT_DELTA_INVALID,
            "invalid": messages.COUNT_DELTA_INVALID,
            "min_value": messages.COUNT_DELTA_INVALID,
            "max_value": messages.COUNT_DELTA_INVALID,
        },
    )
