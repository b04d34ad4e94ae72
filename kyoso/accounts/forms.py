from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from kyoso.accounts import messages
from kyoso.accounts.models import ContactPreference, Profile, Sector, User, Visibility
from kyoso.accounts.services.registration import email_is_taken
from kyoso.core.forms import NormalizedCharField, TagListField
from kyoso.core.mail import queue_email
from kyoso.core.text import is_kana_reading, normalize_email, normalize_kana_reading
from kyoso.regions.models import Municipality


class KanaField(NormalizedCharField):
    def to_python(self, value):
        value = super().to_python(value)
        return normalize_kana_reading(value) if value else value

    def validate(self, value):
        super().validate(value)
        if value and not is_kana_reading(value):
            raise ValidationError(messages.KANA_INVALID, code="kana")


class EmailField(forms.EmailField):
    default_error_messages = {"invalid": messages.EMAIL_INVALID}

    def to_python(self, value):
        value = super().to_python(value)
        return normalize_email(value) if value else value


class NameFieldsMixin(forms.Form):
    display_name = NormalizedCharField(
        label=_("表示名"), max_length=50, help_text=_("サイト上で公開される名前です。")
    )
    family_name = NormalizedCharField(label=_("姓"), max_length=50, required=False)
    given_name = NormalizedCharField(label=_("名"), max_length=50, required=False)
    family_name_kana = KanaField(label=_("姓（フリガナ）"), max_length=50, required=False)
    given_name_kana = KanaField(label=_("名（フリガナ）"), max_length=50, required=False)


class SignupForm(NameFieldsMixin):
    email = EmailField(label=_("メールアドレス"))
    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("10文字以上。よくあるパスワードや数字だけのものは使えません。"),
    )
    agree_terms = forms.BooleanField(
        label=_("利用規約とプライバシーポリシーに同意します"),
        error_messages={"required": messages.TERMS_REQUIRED},
    )

    field_order = ["email", "password", "display_name", "family_name", "given_name"]

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email_is_taken(email):
            raise ValidationError(messages.EMAIL_TAKEN, code="taken")
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            probe = User(
                email=cleaned.get("email") or "",
                display_name=cleaned.get("display_name") or "",
            )
            try:
                password_validation.validate_password(password, probe)
            except ValidationError as error:
                self.add_error("password", error)
        return cleaned


class LoginForm(forms.Form):
    email = EmailField(label=_("メールアドレス"))
    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TOTPCodeForm(forms.Form):
    code = forms.CharField(
        label=_("確認コード（6桁）"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )


VISIBILITY_LABELS = {
    "full_name": _("氏名・フリガナ"),
    "bio": _("自己紹介"),
    "skills": _("スキル"),
    "themes": _("関心のあるテーマ"),
    "sectors": _("セクター"),
    "municipality": _("地域"),
    "availability": _("関わり方"),
    "contact": _("連絡方法"),
}


class ProfileForm(NameFieldsMixin):
    bio = NormalizedCharField(
        label=_("自己紹介"), max_length=2000, required=False, multiline=True, widget=forms.Textarea
    )
    skills = TagListField(label=_("スキル"), help_text=_("読点（、）かカンマで区切って入力"))
    themes = TagListField(label=_("関心のあるテーマ"), help_text=_("例：子育て、農業、防災"))
    sectors = forms.MultipleChoiceField(
        label=_("セクター"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("地域"),
        queryset=Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        required=False,
        error_messages={"invalid_choice": _("選択された市区町村が見つかりません。")},
    )
    available_side_job = forms.BooleanField(label=_("副業・兼業で関われる"), required=False)
    available_volunteer = forms.BooleanField(label=_("ボランティアで関われる"), required=False)
    available_advice = forms.BooleanField(label=_("助言できる"), required=False)
    contact_preference = forms.ChoiceField(label=_("連絡方法"), choices=ContactPreference.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field, label in VISIBILITY_LABELS.items():
            self.fields[f"visibility_{field}"] = forms.ChoiceField(
                label=_("「%(field)s」の公開範囲") % {"field": label},
                choices=Visibility.choices,
                initial=Profile.VISIBLE_FIELDS[field],
            )

    @staticmethod
    def initial_for(user: User, profile: Profile) -> dict:
        initial = {
            "display_name": user.display_name,
            "family_name": user.family_name,
            "given_name": user.given_name,
            "family_name_kana": user.family_name_kana,
            "given_name_kana": user.given_name_kana,
            "bio": profile.bio,
            "skills": profile.skills,
            "themes": profile.themes,
            "sectors": profile.sectors,
            "municipality": profile.municipality_id,
            "available_side_job": profile.available_side_job,
            "available_volunteer": profile.available_volunteer,
            "available_advice": profile.available_advice,
            "contact_preference": profile.contact_preference,
        }
        for field in VISIBILITY_LABELS:
            initial[f"visibility_{field}"] = profile.visibility_of(field)
        return initial

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("visibility_")}
        data["visibility"] = {f: self.cleaned_data[f"visibility_{f}"] for f in VISIBILITY_LABELS}
        return data

    def visibility_fields(self):
        return [self[f"visibility_{field}"] for field in VISIBILITY_LABELS]


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("アイコン画像"),
        help_text=_("JPEG・PNG・GIF・WebP、2MBまで。位置情報などのメタデータは削除されます。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("パスワード"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.CharField(label=_("確認のため「退会する」と入力してください"), max_length=20)

    def __init__(self, *args, user: User, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(messages.PASSWORD_WRONG, code="wrong_password")
        return password

    def clean_confirm(self):
        confirm = self.cleaned_data["confirm"].strip()
        if confirm not in {"退会する", "DELETE"}:
            raise ValidationError(messages.DELETE_CONFIRM_MISMATCH, code="confirm")
        return confirm


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, with the message sent by the background worker.

    Unlike Django's, it also mails people without a usable password: an account created with
    LINE (kyoso.linelogin) sets its first password this way, so that email login stays
    possible for everyone.
    """

    def get_users(self, email):
        return User.objects.filter(
            email=normalize_email(email), is_active=True, deleted_at__isnull=True
        ).iterator()

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        queue_email(subject=subject, body=body, to=[to_email])
