"""Forms of the orgs app. They parse and validate; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyoso.accounts import messages as account_messages
from kyoso.core.forms import NormalizedCharField
from kyoso.core.text import is_kana_reading, normalize_email, normalize_kana_reading
from kyoso.orgs import messages
from kyoso.orgs.models import JoinRequest, MemberRole, Organization, OrganizationType
from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

TOO_LONG = {"max_length": messages.TEXT_TOO_LONG}


def _max_length(field: str, model: type[models.Model] = Organization) -> int:
    return cast(models.Field, model._meta.get_field(field)).max_length or 0


class HttpURLField(forms.URLField):
    """A web address: http or https only (no ftp:, javascript:, data:…).

    A bare domain ("example.jp") gets https:// in front.
    """

    default_validators = [URLValidator(schemes=["http", "https"], message=messages.WEBSITE_INVALID)]
    default_error_messages = {"invalid": messages.WEBSITE_INVALID}


class OrganizationForm(forms.Form):
    name = NormalizedCharField(
        label=_("団体名"), max_length=_max_length("name"), error_messages=TOO_LONG
    )
    name_kana = NormalizedCharField(
        label=_("団体名（フリガナ）"),
        max_length=_max_length("name_kana"),
        required=False,
        help_text=_("カタカナで入力してください（ひらがなはカタカナに直します）。"),
        error_messages=TOO_LONG,
    )
    org_type = forms.ChoiceField(
        label=_("種別"),
        choices=[("", "---------"), *OrganizationType.choices],
        error_messages={"invalid_choice": messages.TYPE_INVALID},
    )
    municipality = MunicipalityField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        label=_("地域"),
        required=False,
        help_text=_("主に活動している市区町村です。"),
    )
    description = NormalizedCharField(
        label=_("紹介"),
        multiline=True,
        required=False,
        max_length=_max_length("description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=TOO_LONG,
    )
    website = HttpURLField(
        label=_("ウェブサイト"),
        required=False,
        assume_scheme="https",
        max_length=_max_length("website"),
        error_messages=TOO_LONG,
    )
    contact_email = forms.EmailField(
        label=_("連絡先メール"),
        required=False,
        error_messages={"invalid": account_messages.EMAIL_INVALID},
    )

    @classmethod
    def initial_for(cls, organization: Organization) -> dict[str, Any]:
        return {name: getattr(organization, name) for name in cls.base_fields}

    def clean_name_kana(self) -> str:
        value = self.cleaned_data.get("name_kana", "")
        if not value:
            return ""
        value = normalize_kana_reading(value)
        if not is_kana_reading(value):
            raise ValidationError(account_messages.KANA_INVALID, code="kana")
        return value

    def clean_contact_email(self) -> str:
        value = self.cleaned_data.get("contact_email", "")
        return normalize_email(value) if value else ""


class OrganizationFilterForm(forms.Form):
    """The list page's filters (GET). Invalid values are ignored, never an error page."""

    VERIFIED_CHOICES = [("", _("すべて")), ("1", _("認証済みのみ")), ("0", _("未認証のみ"))]

    q = NormalizedCharField(label=_("キーワード"), required=False, max_length=100)
    org_type = forms.ChoiceField(
        label=_("種別"),
        required=False,
        choices=[("", _("すべて")), *OrganizationType.choices],
        error_messages={"invalid_choice": messages.TYPE_INVALID},
    )
    prefecture = forms.ChoiceField(
        label=_("都道府県"),
        required=False,
        error_messages={"invalid_choice": messages.PREFECTURE_INVALID},
    )
    verified = forms.ChoiceField(label=_("認証"), required=False, choices=VERIFIED_CHOICES)

    def __init__(self, *args: Any, prefectures: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["prefecture"]).choices = [
            ("", _("すべて")),
            *((p.code, p.name) for p in prefectures),
        ]

    def filter_values(self) -> dict[str, Any]:
        """Valid filters only: a bad value for one filter does not drop the others."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        verified = data.get("verified", "")
        return {
            "query": data.get("q", "") or "",
            "org_type": data.get("org_type", "") or "",
            "prefecture": data.get("prefecture", "") or "",
            "verified": {"1": True, "0": False}.get(verified),
        }


class JoinRequestForm(forms.Form):
    message = NormalizedCharField(
        label=_("メッセージ（任意）"),
        multiline=True,
        required=False,
        max_length=_max_length("message", JoinRequest),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=TOO_LONG,
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("招待するメールアドレス"),
        error_messages={"invalid": account_messages.EMAIL_INVALID},
    )
    role = forms.ChoiceField(
        label=_("権限"),
        choices=[
            (MemberRole.MEMBER, MemberRole.MEMBER.label),
            (MemberRole.ADMIN, MemberRole.ADMIN.label),
        ],
        initial=MemberRole.MEMBER,
        error_messages={"invalid_choice": messages.ROLE_INVALID},
    )

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("権限"),
        choices=MemberRole.choices,
        error_messages={"invalid_choice": messages.ROLE_INVALID, "required": messages.ROLE_INVALID},
    )


class JoinDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("承認")), ("reject", _("見送り"))],
        error_messages={
            "invalid_choice": messages.JOIN_DECISION_INVALID,
            "required": messages.JOIN_DECISION_INVALID,
        },
    )
