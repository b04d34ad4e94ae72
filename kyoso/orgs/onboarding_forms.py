"""Forms of an organization's onboarding (kyoso.orgs.services_onboarding)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.core.skills import Skill
from kyoso.issues.vocab import Theme
from kyoso.orgs import messages
from kyoso.orgs.models import Organization, OrgOffer
from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

UNKNOWN = {"invalid_choice": messages.ONBOARDING_CHOICE_UNKNOWN}


class DoesStepForm(forms.Form):
    theme_keys = forms.MultipleChoiceField(
        label=_("活動テーマ"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=UNKNOWN,
    )
    description = NormalizedCharField(
        label=_("どんな活動をしていますか"),
        multiline=True,
        required=False,
        max_length=Organization._meta.get_field("description").max_length,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"max_length": messages.TEXT_TOO_LONG},
    )


class WhereStepForm(forms.Form):
    municipality = MunicipalityField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        label=_("主に活動している市区町村"),
        required=False,
    )


class OfferStepForm(forms.Form):
    skill_keys = forms.MultipleChoiceField(
        label=_("提供できるスキル"),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=UNKNOWN,
    )
    offers = forms.MultipleChoiceField(
        label=_("提供できること"),
        choices=OrgOffer.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=UNKNOWN,
    )


STEP_FORMS: dict[str, type[forms.Form]] = {
    "does": DoesStepForm,
    "where": WhereStepForm,
    "offer": OfferStepForm,
}
