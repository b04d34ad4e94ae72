"""Forms of the idea-event pages: a pitch, and the organizer's choice of round."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.events import messages
from kyoso.events.models import IdeaRound, Pitch

TOO_LONG = messages.PITCH_TEXT_TOO_LONG


def _max(name: str) -> int:
    """The model field's length limit (the form refuses longer text with a message)."""
    field = Pitch._meta.get_field(name)
    assert isinstance(field, models.Field)
    return int(field.max_length or 0)


class PitchForm(forms.Form):
    title = NormalizedCharField(
        label=_("アイデア"),
        max_length=_max("title"),
        help_text=lazy(
            lambda: gettext("ひとことで（%(max)s文字まで）。") % {"max": _max("title")}, str
        )(),
        error_messages={"required": messages.PITCH_TITLE_REQUIRED, "max_length": TOO_LONG},
    )
    summary = NormalizedCharField(
        label=_("説明（任意）"),
        multiline=True,
        required=False,
        max_length=_max("summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )
    wanted = NormalizedCharField(
        label=_("求める仲間（任意）"),
        required=False,
        max_length=_max("wanted"),
        help_text=_("例：デザインが得意な人、農家さんとつながりのある人"),
        error_messages={"max_length": TOO_LONG},
    )


class RoundForm(forms.Form):
    round = forms.ChoiceField(
        label=_("ラウンド"),
        choices=IdeaRound.choices,
        error_messages={
            "required": messages.ROUND_INVALID,
            "invalid_choice": messages.ROUND_INVALID,
        },
    )
