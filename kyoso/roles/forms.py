"""Forms of the roles pages: grant a role to a person or an organization, revoke one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyoso.accounts.models import User
from kyoso.core.text import normalize_email, normalize_text
from kyoso.orgs.models import Organization
from kyoso.roles import messages
from kyoso.roles.descriptions import ROLE_ORDER


def _role_choices() -> list[tuple[str, Any]]:
    return [(role.value, role.label) for role in ROLE_ORDER]


class RoleGrantForm(forms.Form):
    """Who receives which role: a person by email, or an organization by its slug."""

    role = forms.ChoiceField(
        label=_("役割"),
        choices=_role_choices,
        error_messages={"invalid_choice": messages.ROLE_UNKNOWN, "required": messages.ROLE_UNKNOWN},
    )
    email = forms.CharField(
        label=_("個人のメールアドレス"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    organization = forms.CharField(
        label=_("または団体のURL用の名前"),
        required=False,
        max_length=60,
        help_text=_("団体ページのURLに含まれる英数字の名前です（例：sendai-hub）。"),
    )

    def clean_email(self) -> User | None:
        email = normalize_email(self.cleaned_data.get("email") or "")
        if not email:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            raise ValidationError(messages.USER_NOT_FOUND, params={"email": email}, code="unknown")
        if not user.is_active or user.deleted_at is not None:
            raise ValidationError(messages.USER_INACTIVE, params={"email": email}, code="inactive")
        return user

    def clean_organization(self) -> Organization | None:
        slug = normalize_text(self.cleaned_data.get("organization") or "").lower()
        if not slug:
            return None
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise ValidationError(
                messages.ORGANIZATION_NOT_FOUND, params={"slug": slug}, code="unknown"
            )
        return organization

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        user, organization = cleaned.get("email"), cleaned.get("organization")
        if user is None and organization is None:
            raise ValidationError(messages.HOLDER_REQUIRED, code="holder_required")
        if user is not None and organization is not None:
            raise ValidationError(messages.HOLDER_BOTH, code="holder_both")
        return cleaned


class RoleRevokeForm(forms.Form):
    """The hidden fields behind one 「解除」 button."""

    role = forms.ChoiceField(choices=_role_choices)
    user = forms.IntegerField(required=False, min_value=1)
    organization = forms.IntegerField(required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        user_id, organization_id = cleaned.get("user"), cleaned.get("organization")
        if (user_id is None) == (organization_id is None):
            raise ValidationError(messages.REVOKE_INVALID, code="holder")
        if user_id is not None:
            cleaned["user"] = User.objects.filter(pk=user_id).first()
            if cleaned["user"] is None:
                raise ValidationError(messages.REVOKE_INVALID, code="holder")
        else:
            cleaned["organization"] = Organization.objects.filter(pk=organization_id).first()
            if cleaned["organization"] is None:
                raise ValidationError(messages.REVOKE_INVALID, code="holder")
        return cleaned
