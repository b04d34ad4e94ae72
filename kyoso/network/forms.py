"""Forms of the network app (labels without a trailing colon)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.network import messages
from kyoso.network.models import (
    BODY_MAX,
    EXPERTISE_MAX,
    MONTHLY_LIMIT_MAX,
    REASON_MAX,
    RECORD_MAX,
    SUBJECT_MAX,
    RequestKind,
)


class Form(forms.Form):
    """A form whose labels take no colon (Japanese forms put none after a label)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class IntroductionForm(Form):
    reason = forms.CharField(
        label=_("紹介してほしい理由"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": messages.INTRO_REASON_REQUIRED},
    )


class AdviceForm(Form):
    kind = forms.ChoiceField(
        label=_("依頼の種類"),
        choices=RequestKind.choices,
        error_messages={
            "required": messages.ADVICE_KIND_INVALID,
            "invalid_choice": messages.ADVICE_KIND_INVALID,
        },
    )
    advisor = forms.TypedChoiceField(
        label=_("アドバイザー"), required=False, coerce=int, empty_value=None
    )
    subject = forms.CharField(
        label=_("件名"),
        max_length=SUBJECT_MAX,
        error_messages={"required": messages.ADVICE_SUBJECT_REQUIRED},
    )
    body = forms.CharField(
        label=_("相談したいこと"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": messages.ADVICE_BODY_REQUIRED},
    )

    def __init__(self, *args, advisors=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[object, object]] = [("", _("事務局にお任せ"))]
        choices += [(a.pk, f"{a.user.display_name}（{a.expertise[:30]}）") for a in advisors]
        self.fields["advisor"].choices = choices  # type: ignore[attr-defined]


class AdvisorForm(Form):
    email = forms.EmailField(label=_("メールアドレス"))
    expertise = forms.CharField(
        label=_("専門分野"), max_length=EXPERTISE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    kinds = forms.MultipleChoiceField(
        label=_("受ける依頼の種類"),
        choices=RequestKind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": messages.ADVISOR_KINDS_REQUIRED},
    )
    monthly_limit = forms.IntegerField(
        label=_("月に受ける件数の上限"),
        min_value=1,
        max_value=MONTHLY_LIMIT_MAX,
        initial=3,
        error_messages={
            "min_value": messages.ADVISOR_LIMIT_RANGE % {"min": 1, "max": MONTHLY_LIMIT_MAX},
            "max_value": messages.ADVISOR_LIMIT_RANGE % {"min": 1, "max": MONTHLY_LIMIT_MAX},
        },
    )
    active = forms.BooleanField(label=_("受付中"), required=False, initial=True)


class MoveForm(Form):
    to_status = forms.CharField(max_length=20)
    reason = forms.CharField(label=_("理由"), max_length=REASON_MAX, required=False)


class AssignForm(Form):
    advisor = forms.TypedChoiceField(label=_("アドバイザー"), coerce=int)

    def __init__(self, *args, advisors=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advisor"].choices = [  # type: ignore[attr-defined]
            (a.pk, a.user.display_name) for a in advisors
        ]


class RecordForm(Form):
    text = forms.CharField(
        label=_("助言の記録"),
        max_length=RECORD_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": messages.ADVICE_RECORD_REQUIRED},
    )


class PreferenceForm(Form):
    introductions_open = forms.BooleanField(label=_("紹介の依頼を受け付ける"), required=False)
    shown_in_network = forms.BooleanField(label=_("ネットワーク図に名前を表示する"), required=False)


class PeriodForm(Form):
    before = forms.IntegerField(
        label=_("比べる年度（前）"), min_value=2000, max_value=2100, initial=2021
    )
    after = forms.IntegerField(
        label=_("比べる年度（後）"), min_value=2000, max_value=2100, initial=2022
    )
