"""Forms of the concierge app: they parse and normalize; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.concierge import messages
from kyoso.concierge.models import TEXT_MAX, TOPIC_MAX
from kyoso.concierge.services import Record, Subject
from kyoso.core.text import normalize_text
from kyoso.issues.vocab import Theme

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MINUTE_CHOICES = [(m, _("%(minutes)d分") % {"minutes": m}) for m in (15, 30, 45, 60, 90)]


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )


def _minutes_field() -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=_("長さ"), choices=MINUTE_CHOICES, coerce=int, initial=30)


class Form(forms.Form):
    """Japanese forms put no colon after a label."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ConciergeAddForm(Form):
    email = forms.EmailField(label=_("コンシェルジュにする人のメールアドレス"))


class SlotForm(Form):
    starts_at = _datetime_field(_("開始日時"))
    minutes = _minutes_field()


class SubjectForm(Form):
    """Topic, themes, and a related issue (its number) or organization (its URL name)."""

    topic = forms.CharField(label=_("相談したいこと"), max_length=TOPIC_MAX)
    themes = forms.MultipleChoiceField(
        label=_("テーマ"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": messages.UNKNOWN_THEME},
    )
    issue = forms.IntegerField(
        label=_("関連する課題の番号"), required=False, min_value=1, help_text=_("任意")
    )
    organization = forms.CharField(
        label=_("関連する団体（URL用の名前）"), required=False, max_length=60, help_text=_("任意")
    )

    def __init__(self, *args: Any, viewer: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer = viewer

    def clean_topic(self) -> str:
        return normalize_text(self.cleaned_data["topic"])

    def clean_issue(self) -> Any:
        number = self.cleaned_data.get("issue")
        if not number:
            return None
        from kyoso.issues.selectors import visible_issues

        issue = visible_issues(self.viewer).filter(pk=number).first()
        if issue is None:
            raise forms.ValidationError(_("その番号の課題は見つかりません。"))
        return issue

    def clean_organization(self) -> Any:
        return _organization(self.cleaned_data.get("organization", ""))

    def subject(self) -> Subject:
        data = self.cleaned_data
        return Subject(
            topic=data["topic"],
            themes=list(data.get("themes") or []),
            issue=data.get("issue"),
            organization=data.get("organization"),
        )


def _organization(text: str) -> Any:
    slug = normalize_text(text or "").strip("/").split("/")[-1]
    if not slug:
        return None
    from kyoso.orgs.selectors import organization_by_slug

    try:
        return organization_by_slug(slug)
    except Http404 as error:
        raise forms.ValidationError(messages.INTRODUCTION_UNKNOWN_ORG) from error


class WalkInForm(SubjectForm):
    email = forms.EmailField(
        label=_("相談者のメールアドレス（アカウントがある人）"), required=False
    )
    name = forms.CharField(
        label=_("相談者の名前（アカウントがない人）"), required=False, max_length=100
    )
    starts_at = _datetime_field(_("開始日時"))
    minutes = _minutes_field()

    field_order = ["email", "name", "starts_at", "minutes", "topic", "themes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "starts_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class RecordForm(Form):
    asked = forms.CharField(
        label=_("相談の内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_MAX
    )
    advised = forms.CharField(
        label=_("助言したこと"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        required=False,
    )
    follow_up_on = forms.DateField(
        label=_("フォローアップ日"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    follow_up_note = forms.CharField(
        label=_("相談者へのフォローアップ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("相談者本人が読めます。"),
    )

    def record(self) -> Record:
        data = self.cleaned_data
        return Record(
            asked=normalize_text(data["asked"], multiline=True),
            advised=normalize_text(data["advised"], multiline=True),
            follow_up_on=data.get("follow_up_on"),
            follow_up_note=normalize_text(data["follow_up_note"], multiline=True),
        )


class IntroductionForm(Form):
    to_email = forms.EmailField(label=_("紹介先の人のメールアドレス"), required=False)
    to_organization = forms.CharField(
        label=_("紹介先の団体（URL用の名前）"), required=False, max_length=60
    )
    introduced_on = forms.DateField(
        label=_("紹介日"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("introduced_on", timezone.localdate())

    def clean_to_organization(self) -> Any:
        return _organization(self.cleaned_data.get("to_organization", ""))


class MoveForm(Form):
    to_status = forms.CharField(max_length=10, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("理由"), required=False, max_length=500)
