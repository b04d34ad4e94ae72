"""Forms of the matching app (labels without a trailing colon)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.matching.models import SubjectKind, Verdict


class FeedbackForm(forms.Form):
    subject = forms.CharField(max_length=40)
    candidate = forms.CharField(max_length=40)
    verdict = forms.ChoiceField(choices=Verdict.choices)
    next = forms.CharField(max_length=300, required=False)

    @staticmethod
    def parse_ref(value: str) -> tuple[str, int] | None:
        kind, _sep, raw = value.partition(":")
        if kind not in SubjectKind.values or not raw.isdigit():
            return None
        return kind, int(raw)


class PreferenceForm(forms.Form):
    suggest_me = forms.BooleanField(
        label=_("わたしを他の人への提案に含める"),
        required=False,
        help_text=_(
            "外すと、プロジェクトやミッションの担当者に「合う人」として表示されなくなります。"
        ),
    )
