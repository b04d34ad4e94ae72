"""Forms of the three onboarding steps (kyoso.accounts.services.onboarding)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.accounts import messages
from kyoso.accounts.models import Offer
from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme
from kyoso.regions.models import Municipality

HOURS_MAX = 200


class PlaceStepForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("お住まいや活動している市区町村"),
        queryset=Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        required=False,
        help_text=_("その地域の課題やプロジェクトを先にお見せします。"),
        error_messages={"invalid_choice": messages.ONBOARDING_PLACE_UNKNOWN},
    )


class ThemesStepForm(forms.Form):
    theme_keys = forms.MultipleChoiceField(
        label=_("関心のあるテーマ"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("いくつでも選べます。"),
        error_messages={"invalid_choice": messages.ONBOARDING_CHOICE_UNKNOWN},
    )


class OfferStepForm(forms.Form):
    skill_keys = forms.MultipleChoiceField(
        label=_("生かせるスキル"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": messages.ONBOARDING_CHOICE_UNKNOWN},
    )
    offers = forms.MultipleChoiceField(
        label=_("提供できること"),
        choices=Offer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": messages.ONBOARDING_CHOICE_UNKNOWN},
    )
    hours_per_month = forms.IntegerField(
        label=_("月に関われる時間（時間）"),
        required=False,
        min_value=0,
        max_value=HOURS_MAX,
        help_text=_("目安で構いません。空欄でも大丈夫です。"),
        error_messages={
            "invalid": messages.ONBOARDING_HOURS_INVALID,
            "min_value": messages.ONBOARDING_HOURS_INVALID,
            "max_value": messages.ONBOARDING_HOURS_INVALID,
        },
    )


STEP_FORMS: dict[str, type[forms.Form]] = {
    "place": PlaceStepForm,
    "themes": ThemesStepForm,
    "offer": OfferStepForm,
}
