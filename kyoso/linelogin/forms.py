from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyoso.accounts import messages as account_messages
from kyoso.accounts.forms import EmailField
from kyoso.accounts.services.registration import email_is_taken
from kyoso.core.forms import NormalizedCharField
from kyoso.linelogin import messages

CHANNEL_ID = re.compile(r"^[0-9]{1,20}$")


class LineSignupForm(forms.Form):
    """What a LINE login does not tell us: an email address (LINE's own needs a separate
    permission from LINE), and the agreement to the terms."""

    email = EmailField(
        label=_("メールアドレス"),
        help_text=_(
            "確認メールを送ります。確認が済むまで投稿はできません。メールアドレスでのログインにも使えます。"
        ),
    )
    display_name = NormalizedCharField(
        label=_("表示名"), max_length=50, help_text=_("サイト上で公開される名前です。")
    )
    agree_terms = forms.BooleanField(
        label=_("利用規約とプライバシーポリシーに同意します"),
        error_messages={"required": account_messages.TERMS_REQUIRED},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if email_is_taken(email):
            raise ValidationError(account_messages.EMAIL_TAKEN, code="taken")
        return email


class LineChannelForm(forms.Form):
    enabled = forms.BooleanField(label=_("LINEログインを使う"), required=False)
    channel_id = forms.CharField(
        label=_("チャネルID"),
        max_length=20,
        required=False,
        help_text=_("LINE Developersコンソールの「チャネル基本設定」にある数字です。"),
    )
    channel_secret = forms.CharField(
        label=_("チャネルシークレット"),
        max_length=64,
        required=False,
        strip=True,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("変更するときだけ入力してください。空欄なら今のシークレットのままです。"),
    )

    def __init__(self, *args, has_secret: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.has_secret = has_secret

    def clean_channel_id(self) -> str:
        value = self.cleaned_data["channel_id"].strip()
        if value and not CHANNEL_ID.match(value):
            raise ValidationError(messages.LINE_CHANNEL_ID_INVALID, code="channel_id")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("enabled") and not (
            cleaned.get("channel_id") and (cleaned.get("channel_secret") or self.has_secret)
        ):
            raise ValidationError(messages.LINE_SECRET_REQUIRED, code="incomplete")
        return cleaned
