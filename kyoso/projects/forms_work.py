"""Forms of a project's work. Each error has a message constant from
:mod:`kyoso.projects.messages_work`; the services check the same things again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.skills import Skill
from kyoso.orgs.models import Organization
from kyoso.projects import messages_work as messages
from kyoso.projects.models import (
    COMMENT_MAX,
    NEED_TITLE_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    NeedKind,
    NeedStatus,
    Project,
    ResourceKind,
    WorkStyle,
)
from kyoso.projects.services.needs import HOURS_MAX, clean_skills
from kyoso.projects.services.records import HEARD_TEXT_MAX, RESOURCE_NAME_MAX
from kyoso.projects.services.updates import MAX_IMAGE_BYTES, check_image
from kyoso.projects.services.work import WorkError


def text(
    label: Any,
    limit: int,
    *,
    required_message: Any = None,
    rows: int | None = 4,
    help_text: Any = "",
) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=limit,
        required=required_message is not None,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": required_message or messages.REQUIRED,
            "max_length": messages.TOO_LONG,
        },
    )


def date_field(label: Any, *, required_message: Any = None) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required_message is not None,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": required_message or messages.REQUIRED,
            "invalid": messages.NOT_A_DATE,
        },
    )


class SkillsField(forms.MultipleChoiceField):
    """Skill keys of the shared vocabulary; unknown keys are named in the message."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=Skill.choices, required=False, **kwargs)

    def validate(self, value: Any) -> None:
        try:
            clean_skills(value)
        except WorkError as error:
            raise forms.ValidationError(error.message, code="unknown_skill") from None


class OrganizationField(forms.CharField):
    """An organization named by its slug (URL name)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=60, required=False, **kwargs)

    def clean(self, value: Any) -> Organization | None:  # type: ignore[override]
        slug = super().clean(value).strip()
        if not slug:
            return None
        organization = Organization.objects.filter(slug=slug).first()
        if organization is None:
            raise forms.ValidationError(messages.ORGANIZATION_UNKNOWN, code="unknown")
        return organization


def person_field(project: Project, label: Any) -> forms.ModelChoiceField:
    from kyoso.projects.selectors_work import candidates_of

    return forms.ModelChoiceField(
        label=label,
        queryset=candidates_of(project),
        required=False,
        error_messages={"invalid_choice": messages.PERSON_NOT_CANDIDATE},
        help_text=_("このプロジェクトのメンバーかフォロワーから選びます。"),
    )


def _choice(label: Any, choices: Any, required_message: Any, unknown_message: Any, **kw: Any):
    return forms.ChoiceField(
        label=label,
        choices=[("", "---------"), *choices],
        required=required_message is not None,
        error_messages={
            "required": required_message or messages.REQUIRED,
            "invalid_choice": unknown_message,
        },
        **kw,
    )


class NeedForm(forms.Form):
    kind = _choice(
        _("種類"), NeedKind.choices, messages.NEED_KIND_REQUIRED, messages.NEED_KIND_UNKNOWN
    )
    title = text(
        _("内容"), NEED_TITLE_MAX, required_message=messages.NEED_TITLE_REQUIRED, rows=None
    )
    description = text(_("詳しく"), TEXT_MAX)
    skills = SkillsField(label=_("求めるスキル"))
    hours_per_month = forms.IntegerField(
        label=_("月あたりの時間"),
        required=False,
        min_value=0,
        max_value=HOURS_MAX,
        error_messages={
            "invalid": messages.HOURS_INVALID,
            "min_value": messages.HOURS_INVALID,
            "max_value": messages.HOURS_INVALID,
        },
    )
    work_style = _choice(_("働き方"), WorkStyle.choices, None, messages.WORK_STYLE_UNKNOWN)
    until = date_field(_("いつまで"))

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NeedStatusForm(forms.Form):
    status = _choice(
        _("状態"), NeedStatus.choices, messages.NEED_STATUS_UNKNOWN, messages.NEED_STATUS_UNKNOWN
    )
    filled_by_organization = OrganizationField(
        label=_("応えた団体（URL用の名前）"),
        help_text=_("団体が応えたときに、その団体のURL用の名前を入力します。"),
    )
    reason = text(_("募集を再開する理由"), REASON_MAX, rows=2)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filled_by"] = person_field(project, _("応えた人"))
        self.order_fields(["status", "filled_by", "filled_by_organization", "reason"])


class TrialForm(forms.Form):
    title = text(
        _("タイトル"), TITLE_MAX, required_message=messages.TRIAL_TITLE_REQUIRED, rows=None
    )
    hypothesis = text(_("仮説"), TEXT_MAX, required_message=messages.TRIAL_HYPOTHESIS_REQUIRED)
    starts_on = date_field(_("開始日"))
    ends_on = date_field(_("終了日"))
    measured = text(_("測ったこと"), TEXT_MAX)
    result = text(_("結果"), TEXT_MAX)
    learned = text(_("学んだこと"), TEXT_MAX)

    def __init__(self, *args: Any, project: Project | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", messages.TRIAL_PERIOD_BACKWARDS)
        return data


class HearingForm(forms.Form):
    heard_text = text(
        _("話を聞いた相手"),
        HEARD_TEXT_MAX,
        rows=None,
        help_text=_("アカウントや団体でない相手は「〇〇地区の住民」のように書きます。"),
    )
    heard_organization = OrganizationField(label=_("話を聞いた団体（URL用の名前）"))
    held_on = date_field(_("日付"), required_message=messages.HEARING_DATE_REQUIRED)
    learned = text(_("わかったこと"), TEXT_MAX, required_message=messages.HEARING_LEARNED_REQUIRED)
    private_notes = text(
        _("メンバーだけのメモ"),
        TEXT_MAX,
        help_text=_("プロジェクトのメンバーと事務局だけが読めます。"),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["heard_user"] = person_field(project, _("話を聞いた人"))
        self.order_fields(["heard_user", "heard_organization", "heard_text", "held_on", "learned"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not (
            data.get("heard_user") or data.get("heard_organization") or data.get("heard_text")
        ):
            self.add_error("heard_text", messages.HEARING_WHO_REQUIRED)
        return data


class ResourceForm(forms.Form):
    kind = _choice(
        _("種類"),
        ResourceKind.choices,
        messages.RESOURCE_KIND_REQUIRED,
        messages.RESOURCE_KIND_REQUIRED,
    )
    name = text(
        _("名前"), RESOURCE_NAME_MAX, required_message=messages.RESOURCE_NAME_REQUIRED, rows=None
    )
    note = text(_("メモ"), TEXT_MAX)
    organization = OrganizationField(label=_("団体（URL用の名前、任意）"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"] = person_field(project, _("人（任意）"))


class UpdateForm(forms.Form):
    body = text(_("本文"), TEXT_MAX, required_message=messages.UPDATE_BODY_REQUIRED, rows=6)
    image = forms.FileField(
        label=_("画像（任意）"),
        required=False,
        help_text=_("JPEG・PNG・GIF・WebP、10MBまで。位置情報などは取り除いて保存します。"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        data = upload.read(MAX_IMAGE_BYTES + 1)
        try:
            return check_image(upload.name, data)
        except WorkError as error:
            raise forms.ValidationError(error.message, code="image") from None


class CommentForm(forms.Form):
    body = text(_("コメント"), COMMENT_MAX, required_message=messages.COMMENT_REQUIRED)


class ReasonForm(forms.Form):
    reason = text(_("理由"), REASON_MAX, required_message=messages.REPORT_REASON_REQUIRED)


class HideForm(forms.Form):
    reason = text(_("非表示にする理由"), REASON_MAX, required_message=messages.HIDE_REASON_REQUIRED)
