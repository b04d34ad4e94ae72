"""Forms of the projects app (core). They parse and validate; the services decide."""

from __future__ import annotations

import unicodedata
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.issues.forms import CoordinateField
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall
from kyoso.projects import messages
from kyoso.projects.models import (
    BODY_MAX,
    GOAL_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
    MemberRole,
    Outcome,
    Project,
    ProjectTag,
    Stage,
)
from kyoso.projects.services.projects import MAX_ISSUES, TAG_KEYS
from kyoso.regions.models import Municipality

TOO_LONG = messages.TEXT_TOO_LONG
CHOICE_ERRORS = {"invalid_choice": messages.CHOICE_INVALID}
#: Municipalities one project names at most.
MAX_MUNICIPALITIES = 20


class MunicipalitiesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return str(obj)


def _municipalities() -> MunicipalitiesField:
    return MunicipalitiesField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        to_field_name="code",
        label=_("市区町村（任意・複数可）"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        error_messages={
            "invalid_choice": messages.CHOICE_INVALID,
            "invalid_pk_value": messages.CHOICE_INVALID,
        },
    )


class ProjectForm(forms.Form):
    title = NormalizedCharField(
        label=_("プロジェクトの名前"),
        max_length=TITLE_MAX,
        error_messages={"required": messages.TITLE_REQUIRED, "max_length": TOO_LONG},
    )
    goal = NormalizedCharField(
        label=_("ひとことで目標"),
        max_length=GOAL_MAX,
        help_text=_("何が、どう変わればよいか。一文で（%(max)s文字まで）。") % {"max": GOAL_MAX},
        error_messages={"required": messages.GOAL_REQUIRED, "max_length": TOO_LONG},
    )
    body = NormalizedCharField(
        label=_("詳しく（任意）"),
        multiline=True,
        required=False,
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("背景、やってみたいこと、今わかっていること。Markdown が使えます。"),
        error_messages={"max_length": TOO_LONG},
    )
    themes = forms.MultipleChoiceField(
        label=_("テーマ（任意）"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    sdgs = forms.MultipleChoiceField(
        label=_("SDGs（任意）"),
        choices=SDGS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    targets = forms.MultipleChoiceField(
        label=_("対象（任意）"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    walls = forms.MultipleChoiceField(
        label=_("官民連携の壁（任意）"),
        choices=Wall.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    municipalities = _municipalities()
    latitude = CoordinateField(label=_("緯度"), bound=90, invalid_message=messages.LATITUDE_INVALID)
    longitude = CoordinateField(
        label=_("経度"), bound=180, invalid_message=messages.LONGITUDE_INVALID
    )
    organization: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("運営団体（任意）"),
        queryset=None,
        required=False,
        empty_label=_("団体としてではなく、メンバーで運営する"),
        error_messages={"invalid_choice": messages.ORGANIZATION_NOT_ALLOWED},
    )
    issues = forms.CharField(
        label=_("取り組む課題の番号（任意）"),
        required=False,
        max_length=400,
        help_text=_("課題のページのURLの数字を、カンマで区切って（例：12, 15）。"),
        error_messages={"max_length": messages.ISSUE_NUMBERS_INVALID},
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        organizations: Any = None,
        project: Project | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.project = project
        self.fields["municipalities"] = _municipalities()
        field = cast(forms.ModelChoiceField, self.fields["organization"])
        from kyoso.projects.selectors import managed_organizations

        queryset = organizations if organizations is not None else managed_organizations(user)
        if project is not None and project.organization_id is not None:
            from kyoso.orgs.models import Organization

            queryset = Organization.objects.filter(
                pk__in=[*queryset.values_list("pk", flat=True), project.organization_id]
            ).order_by("name", "id")
        field.queryset = queryset

    @classmethod
    def initial_for(cls, project: Project) -> dict[str, Any]:
        key_of = {kind: key for key, kind in TAG_KEYS.items()}
        tags: dict[str, list[str]] = {key: [] for key in TAG_KEYS}
        for tag in project.tags.all():
            tags[key_of[tag.kind]].append(tag.value)
        return {
            "title": project.title,
            "goal": project.goal,
            "body": project.body,
            "municipalities": [m.code for m in project.municipalities.all()],
            "latitude": project.latitude,
            "longitude": project.longitude,
            "organization": project.organization_id,
            "issues": ", ".join(str(pk) for pk in project.issues.values_list("pk", flat=True)),
            **tags,
        }

    def clean_municipalities(self) -> list[Municipality]:
        chosen = list(self.cleaned_data.get("municipalities") or [])
        if len(chosen) > MAX_MUNICIPALITIES:
            raise ValidationError(messages.CHOICE_INVALID, code="too_many")
        return chosen

    def clean_issues(self) -> list[Any]:
        from kyoso.issues.models import Issue
        from kyoso.issues.selectors import visible_issues

        text = unicodedata.normalize("NFKC", self.cleaned_data.get("issues") or "")
        for separator in ("、", ";", " ", "\n"):
            text = text.replace(separator, ",")
        numbers: list[int] = []
        for part in text.split(","):
            part = part.strip().lstrip("#")
            if not part:
                continue
            if not (part.isascii() and part.isdigit()) or not 0 < int(part) < 2**63:
                raise ValidationError(messages.ISSUE_NUMBERS_INVALID, code="invalid")
            if int(part) not in numbers:
                numbers.append(int(part))
        if len(numbers) > MAX_ISSUES:
            raise ValidationError(messages.TOO_MANY_ISSUES % {"limit": MAX_ISSUES}, code="many")
        from django.db.models import Q

        readable = Q(pk__in=visible_issues(self.user).filter(hidden_at__isnull=True).values("pk"))
        if self.project is not None:
            # Issues the project already addresses stay, even once hidden from this editor.
            readable |= Q(projects=self.project)
        found = {
            issue.pk: issue for issue in Issue.objects.filter(readable, pk__in=numbers).distinct()
        }
        errors = [
            ValidationError(messages.ISSUE_NOT_FOUND % {"number": n}, code="not_found")
            for n in numbers
            if n not in found
        ]
        errors += [
            ValidationError(messages.ISSUE_MERGED % {"title": issue.title}, code="merged")
            for issue in found.values()
            if issue.stage == "merged"
        ]
        if errors:
            raise ValidationError(errors)
        return [found[n] for n in numbers]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        both_read = "latitude" not in self.errors and "longitude" not in self.errors
        if both_read and (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("latitude", messages.POINT_INCOMPLETE)
        return data


class StageForm(forms.Form):
    to_stage = forms.ChoiceField(
        label=_("新しい段階"), choices=Stage.choices, error_messages=CHOICE_ERRORS
    )
    reason = NormalizedCharField(
        label=_("理由（前の段階に戻すときは必須）"),
        multiline=True,
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("段階の移り変わりに残り、フォローしている人に届きます。"),
        error_messages={"max_length": TOO_LONG},
    )
    outcome = forms.ChoiceField(
        label=_("終わり方（終了にするとき）"),
        choices=[("", "---------"), *Outcome.choices],
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    lesson = NormalizedCharField(
        label=_("学んだこと（終了にするとき・任意）"),
        multiline=True,
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": TOO_LONG},
    )


INVITE_ROLES = [(r.value, r.label) for r in MemberRole if r != MemberRole.LEAD]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("招待する人のメールアドレス"),
        max_length=254,
        help_text=_("Kyosoに登録しているメールアドレスです。"),
        error_messages={"required": messages.INVITEE_REQUIRED},
    )
    role = forms.ChoiceField(
        label=_("役割"),
        choices=INVITE_ROLES,
        initial=MemberRole.MEMBER,
        error_messages=CHOICE_ERRORS,
    )
    message = NormalizedCharField(
        label=_("ひとこと（任意）"),
        multiline=True,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )


class JoinForm(forms.Form):
    message = NormalizedCharField(
        label=_("リーダーへのメッセージ（任意）"),
        multiline=True,
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(
        label=_("役割"), choices=MemberRole.choices, error_messages=CHOICE_ERRORS
    )


class FilterForm(forms.Form):
    q = forms.CharField(label=_("キーワード"), required=False, max_length=200)
    stage = forms.ChoiceField(label=_("段階"), required=False)
    theme = forms.ChoiceField(label=_("テーマ"), required=False)
    municipality = forms.ChoiceField(label=_("市区町村"), required=False)
    needs_help = forms.BooleanField(label=_("手伝いを募集中"), required=False)

    def __init__(self, *args: Any, municipalities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = ("", _("すべて"))
        cast(forms.ChoiceField, self.fields["stage"]).choices = [everything, *Stage.choices]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [everything, *Theme.choices]
        cast(forms.ChoiceField, self.fields["municipality"]).choices = [
            everything,
            *((m.code, str(m)) for m in municipalities),
        ]

    def filter_values(self) -> tuple[dict[str, Any], bool]:
        """The valid filters, and whether some value was dropped as invalid."""
        self.is_valid()
        values: dict[str, Any] = {}
        for name, key in (
            ("stage", "stage"),
            ("theme", "theme"),
            ("municipality", "municipality"),
            ("needs_help", "needs_help"),
            ("q", "query"),
        ):
            if name not in self.errors and self.cleaned_data.get(name):
                values[key] = self.cleaned_data[name]
        if "query" in values:
            values["query"] = " ".join(str(values["query"]).split())
        return values, bool(self.errors)


__all__ = [
    "FilterForm",
    "InviteForm",
    "JoinForm",
    "ProjectForm",
    "ProjectTag",
    "RoleForm",
    "StageForm",
]
