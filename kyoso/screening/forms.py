"""Forms of the screening app. They parse; the services validate and decide (the scoring form
is parsed by hand from the POST: one radio group and one comment per criterion)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.screening import messages
from kyoso.screening.models import REASON_MAX, Criterion, Outcome

TOO_LONG = {"max_length": messages.TEXT_TOO_LONG}


def score_values(data: Any, criteria: list[Criterion]) -> dict[int, tuple[Any, str]]:
    """criterion id → (raw value, comment) from a POST (``score_<id>``, ``comment_<id>``)."""
    return {
        c.pk: (data.get(f"score_{c.pk}", ""), data.get(f"comment_{c.pk}", "")) for c in criteria
    }


class _Form(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")  # Japanese forms put no colon after a label
        super().__init__(*args, **kwargs)


class ConflictForm(_Form):
    reason = NormalizedCharField(
        label=_("利益相反の理由"),
        multiline=True,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": messages.CONFLICT_REASON_REQUIRED, **TOO_LONG},
    )


class DecisionForm(_Form):
    outcome = forms.ChoiceField(
        label=_("結果"),
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": messages.OUTCOME_REQUIRED,
            "invalid_choice": messages.OUTCOME_UNKNOWN,
        },
    )
    reason = NormalizedCharField(
        label=_("理由（応募者に伝わります）"),
        multiline=True,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": messages.DECISION_REASON_REQUIRED, **TOO_LONG},
    )
