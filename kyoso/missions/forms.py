"""Forms of the missions app. They parse and validate; the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from kyoso.core.forms import NormalizedCharField
from kyoso.core.skills import Skill
from kyoso.missions import messages
from kyoso.missions.models import (
    ANSWER_MAX,
    CONTACT_MAX,
    HOURS_MAX,
    MESSAGE_MAX,
    MOTIVATION_MAX,
    PLACES_MAX,
    QUESTION_MAX,
    QUESTIONS_MAX,
    REASON_MAX,
    REWARD_MAX,
    TEXT_MAX,
    TITLE_MAX,
    VISITS_MAX,
    ApplicationStatus,
    MissionKind,
    MissionQuestion,
    RewardKind,
)
from kyoso.missions.selectors import REWARD_FILTERS
from kyoso.projects.models import WorkStyle
from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

TOO_LONG = {"max_length": messages.TEXT_TOO_LONG}
CHOICE_ERRORS = {"invalid_choice": messages.CHOICE_INVALID}


def _number(
    label: Any, lo: int, hi: int, *, required: bool = False, **kw: Any
) -> forms.IntegerField:
    range_message = messages.NUMBER_RANGE % {"min": lo, "max": hi}
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=lo,
        max_value=hi,
        error_messages={
            "invalid": messages.NUMBER_INVALID,
            "min_value": range_message,
            "max_value": range_message,
        },
        **kw,
    )


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": messages.DATE_INVALID},
    )


def _text(label: Any, limit: int = TEXT_MAX, rows: int = 5, **kw: Any) -> NormalizedCharField:
    return NormalizedCharField(
        label=label,
        multiline=True,
        required=False,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=TOO_LONG,
        **kw,
    )


def host_candidates(owner: Any) -> Any:
    """The people who may be a mission's host contact: the owner's hosts."""
    from kyoso.orgs.rules import MANAGER_ROLES
    from kyoso.projects.models import MemberRole, MemberStatus, Project

    users = get_user_model().objects.filter(is_active=True)
    if isinstance(owner, Project):
        users = users.filter(
            project_memberships__project=owner,
            project_memberships__role=MemberRole.LEAD,
            project_memberships__status=MemberStatus.ACTIVE,
        )
    else:
        users = users.filter(memberships__organization=owner, memberships__role__in=MANAGER_ROLES)
    return users.order_by("pk")


class HostField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.public_name


class MissionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("種類"),
        choices=[("", "---------"), *MissionKind.choices],
        error_messages={"required": messages.KIND_REQUIRED, **CHOICE_ERRORS},
    )
    title = NormalizedCharField(
        label=_("ミッションをひとことで"),
        max_length=TITLE_MAX,
        help_text=_("例：庄内の農家と都市の飲食店をつなぐ販路づくり"),
        error_messages={"required": messages.TITLE_REQUIRED, **TOO_LONG},
    )
    background = _text(_("背景"), help_text=_("なぜこのミッションが必要なのか。"))
    tasks = _text(_("具体的な仕事"), help_text=_("何をするのかを箇条書きで。"))
    deliverables = _text(_("成果物"), rows=3, help_text=_("何ができたら完了か。"))
    starts_on = _date(_("開始日"))
    ends_on = _date(_("終了日"))
    hours_per_week = _number(_("週あたりの時間"), 1, HOURS_MAX)
    work_style = forms.ChoiceField(
        label=_("働き方"),
        choices=WorkStyle.choices,
        initial=WorkStyle.REMOTE,
        widget=forms.RadioSelect,
        error_messages=CHOICE_ERRORS,
    )
    visits_per_month = _number(_("月あたりの現地訪問（回）"), 0, VISITS_MAX)
    reward_kind = forms.ChoiceField(
        label=_("報酬"),
        required=False,
        choices=[("", _("未定")), *RewardKind.choices],
        error_messages=CHOICE_ERRORS,
    )
    reward_yen = _number(_("報酬額（円）"), 1, REWARD_MAX)
    required_skills = forms.MultipleChoiceField(
        label=_("必須のスキル"),
        required=False,
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    welcome_skills = forms.MultipleChoiceField(
        label=_("歓迎のスキル"),
        required=False,
        choices=Skill.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    host = HostField(
        queryset=get_user_model().objects.none(),
        label=_("受け入れ担当者"),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    contact = _text(_("連絡先・問い合わせ方法"), CONTACT_MAX, rows=2)
    places = _number(_("募集人数"), 1, PLACES_MAX, required=True, initial=1)
    deadline = _date(_("応募締切"))
    municipality = MunicipalityField(
        Municipality.objects.select_related("prefecture", "parent").order_by("code"),
        label=_("活動地域"),
        required=False,
    )
    latitude = forms.DecimalField(
        label=_("緯度"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("経度"), required=False, min_value=-180, max_value=180, decimal_places=6
    )

    def __init__(self, *args: Any, owner: Any, mission: Any = None, **kwargs: Any) -> None:
        if mission is not None and "initial" not in kwargs:
            initial = {f: getattr(mission, f) for f in self.base_fields if hasattr(mission, f)}
            skills = list(mission.skills.all())
            initial["required_skills"] = [s.skill for s in skills if s.required]
            initial["welcome_skills"] = [s.skill for s in skills if not s.required]
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["host"]).queryset = host_candidates(owner)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", messages.PERIOD_BACKWARDS)
        if data.get("reward_kind") == RewardKind.PAID and not data.get("reward_yen"):
            self.add_error("reward_yen", messages.REWARD_YEN_REQUIRED)
        if data.get("reward_kind") != RewardKind.PAID and data.get("reward_yen"):
            self.add_error("reward_yen", messages.REWARD_YEN_UNPAID)
        both = set(data.get("required_skills") or ()) & set(data.get("welcome_skills") or ())
        if both:
            labels = ", ".join(str(Skill(s).label) for s in sorted(both))
            self.add_error("welcome_skills", messages.SKILL_BOTH % {"skills": labels})
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", messages.POINT_INCOMPLETE)
        return data


class QuestionsForm(forms.Form):
    """Up to five questions; blank ones are dropped."""

    def __init__(self, *args: Any, questions: list[MissionQuestion] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        for i in range(1, QUESTIONS_MAX + 1):
            self.fields[f"q{i}"] = NormalizedCharField(
                label=_("質問%(number)s") % {"number": i},
                required=False,
                max_length=QUESTION_MAX,
                error_messages=TOO_LONG,
            )
        for question in questions:
            self.initial[f"q{question.position}"] = question.text

    def texts(self) -> list[str]:
        return [self.cleaned_data.get(f"q{i}") or "" for i in range(1, QUESTIONS_MAX + 1)]


class ApplyForm(forms.Form):
    motivation = NormalizedCharField(
        label=_("応募の動機"),
        multiline=True,
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": messages.MOTIVATION_REQUIRED, **TOO_LONG},
    )

    def __init__(self, *args: Any, questions: list[MissionQuestion] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"answer_{question.pk}"] = NormalizedCharField(
                label=question.text,
                multiline=True,
                max_length=ANSWER_MAX,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": messages.ANSWER_REQUIRED, **TOO_LONG},
            )

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"answer_{q.pk}"] for q in self.questions}


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=ApplicationStatus.choices, error_messages=CHOICE_ERRORS)
    reason = _text(_("理由・ひとこと（任意・相手に伝わります）"), REASON_MAX, rows=2)


class MessageForm(forms.Form):
    body = NormalizedCharField(
        label=_("メッセージ"),
        multiline=True,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": messages.MESSAGE_REQUIRED, **TOO_LONG},
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("種類"), required=False)
    work_style = forms.ChoiceField(label=_("働き方"), required=False)
    skill = forms.ChoiceField(label=_("スキル"), required=False)
    reward = forms.ChoiceField(label=_("報酬"), required=False)
    municipality = forms.ChoiceField(label=_("地域"), required=False)

    def __init__(self, *args: Any, municipalities: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        every = ("", _("すべて"))
        choices: dict[str, list[tuple[str, Any]]] = {
            "kind": list(MissionKind.choices),
            "work_style": list(WorkStyle.choices),
            "skill": list(Skill.choices),
            "reward": [("paid", _("報酬あり")), ("unpaid", _("無償・実費のみ"))],
            "municipality": [(m.code, str(m)) for m in municipalities],
        }
        assert set(dict(choices["reward"])) == set(REWARD_FILTERS)
        for name, values in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = [every, *values]

    def filter_values(self) -> tuple[dict[str, str], bool]:
        """The valid filters, and whether some value was dropped as invalid."""
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name, "")
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }
        return values, bool(self.errors)
