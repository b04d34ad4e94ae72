"""Forms of the minutes pages: writing the minutes, publishing them, linking an issue.

Creating an issue from the minutes uses the issues app's own :class:`IssueForm` (its fields,
validation and messages), prefilled with the event's theme and municipality.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.events import messages
from kyoso.events.models import MINUTES_MAX, Event, MinutesVisibility

VISIBILITY_ERRORS = {
    "required": messages.MINUTES_VISIBILITY_INVALID,
    "invalid_choice": messages.MINUTES_VISIBILITY_INVALID,
}
_ISSUE_NUMBER = re.compile(r"^(?:.*/issues/)?#?(\d{1,12})/?$")


class MinutesForm(forms.Form):
    body = NormalizedCharField(
        label=_("議事録"),
        multiline=True,
        max_length=MINUTES_MAX,
        widget=forms.Textarea(attrs={"rows": 18}),
        # Lazy as a whole: formatting a lazy message at import would freeze it in Japanese.
        help_text=lazy(
            lambda: (
                gettext(
                    "話し合ったこと、出た意見、次にすること。Markdown が使えます"
                    "（## 見出し、- 箇条書き、**太字**、[リンク](https://…)）。%(max)s文字まで。"
                )
                % {"max": f"{MINUTES_MAX:,}"}
            ),
            str,
        )(),
        error_messages={
            "required": messages.MINUTES_REQUIRED,
            "max_length": messages.MINUTES_TOO_LONG,
        },
    )
    visibility = forms.ChoiceField(
        label=_("公開範囲"),
        choices=MinutesVisibility.choices,
        initial=MinutesVisibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_("公開するまでは主催者だけが読めます（下書き）。"),
        error_messages=VISIBILITY_ERRORS,
    )


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("公開範囲"),
        choices=MinutesVisibility.choices,
        widget=forms.RadioSelect,
        error_messages=VISIBILITY_ERRORS,
    )


class LinkIssueForm(forms.Form):
    """An issue by its number (「12」「#12」) or the address of its page."""

    issue = forms.CharField(
        label=_("課題の番号またはURL"),
        max_length=300,
        error_messages={"required": messages.MINUTES_ISSUE_NOT_FOUND},
    )

    def clean_issue(self) -> int:
        text = unicodedata.normalize("NFKC", self.cleaned_data["issue"]).strip()
        match = _ISSUE_NUMBER.match(text)
        if match is None:
            raise ValidationError(messages.MINUTES_ISSUE_NOT_FOUND, code="invalid")
        return int(match.group(1))


def issue_initial_for(event: Event) -> dict[str, Any]:
    """What a new issue from the minutes starts with: the event's theme and municipality."""
    initial: dict[str, Any] = {}
    if event.theme:
        initial["themes"] = [event.theme]
    if event.municipality_id is not None:
        initial["municipality"] = event.municipality_id
    return initial
