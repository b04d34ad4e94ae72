"""Forms of the evaluation app: they parse and normalize; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.text import tidy_text
from kyoso.evaluation.models import HIGHLIGHT_MAX, Section


class HighlightsForm(forms.Form):
    """One text per section of the report; an empty one leaves the section without a text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in Section:
            self.fields[section.value] = forms.CharField(
                label=section.label,
                required=False,
                max_length=HIGHLIGHT_MAX,
                widget=forms.Textarea(attrs={"rows": 6}),
                strip=True,
            )

    def bodies(self) -> dict[str, str]:
        return {
            section.value: tidy_text(self.cleaned_data.get(section.value, ""), multiline=True)
            for section in Section
        }


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("公開を止める理由"), max_length=500)
