"""Forms of the challenges app: they parse and say what is wrong; services decide."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from kyoso.challenges import messages
from kyoso.challenges.models import (
    CRITERIA_MAX,
    Direction,
    OfferKind,
    ProposerKind,
)
from kyoso.challenges.selectors import BUDGET_RANGES
from kyoso.issues.forms import MultipleFileField, MultipleFileInput
from kyoso.issues.vocab import Theme

CRITERIA_ROWS = 5
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _ids(text: str) -> list[int]:
    text = (text or "").replace("、", ",").replace("，", ",")
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not all(p.isascii() and p.isdigit() and len(p) < 10 for p in parts):
        raise forms.ValidationError(messages.IDS_INVALID)
    return list(dict.fromkeys(int(p) for p in parts))


class ChallengeForm(forms.Form):
    title = forms.CharField(label=_("課題をひとことで"), max_length=120)
    problem = forms.CharField(label=_("解決したい課題"), widget=forms.Textarea, max_length=5000)
    background = forms.CharField(
        label=_("背景"), widget=forms.Textarea, max_length=5000, required=False
    )
    data_available = forms.CharField(
        label=_("提供できるデータ"), widget=forms.Textarea, max_length=5000, required=False
    )
    constraints_text = forms.CharField(
        label=_("制約・条件"), widget=forms.Textarea, max_length=5000, required=False
    )
    theme = forms.ChoiceField(label=_("テーマ"), required=False)
    offer_kind = forms.ChoiceField(label=_("提供するもの"), choices=OfferKind.choices)
    budget_yen = forms.IntegerField(
        label=_("予算（円）"), required=False, min_value=1, max_value=10_000_000_000
    )
    offer_place = forms.CharField(
        label=_("提供できる場所"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    offer_staff_time = forms.CharField(
        label=_("職員・社員の協力"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    questions_until = forms.DateField(label=_("質問の受付期限"), widget=DATE_INPUT)
    proposals_until = forms.DateField(label=_("提案の締切"), widget=DATE_INPUT)
    decision_by = forms.DateField(label=_("採択の決定予定日"), widget=DATE_INPUT)
    trial_starts_on = forms.DateField(
        label=_("実証の開始予定日"), widget=DATE_INPUT, required=False
    )
    trial_ends_on = forms.DateField(label=_("実証の終了予定日"), widget=DATE_INPUT, required=False)
    proposers = forms.MultipleChoiceField(
        label=_("提案できる団体"),
        choices=ProposerKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    issue_ids = forms.CharField(
        label=_("関連する課題の番号"),
        required=False,
        help_text=_("課題のページのURLにある番号をカンマ区切りで（例：12, 34）"),
    )
    project_ids = forms.CharField(
        label=_("関連するプロジェクトの番号"),
        required=False,
        help_text=_("プロジェクトのページのURLにある番号をカンマ区切りで"),
    )

    def __init__(self, *args: Any, viewer: Any = None, challenge: Any = None, **kwargs: Any):
        if challenge is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(challenge)
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", _("選ばない")),
            *Theme.choices,
        ]
        for i in range(1, CRITERIA_ROWS + 1):
            self.fields[f"criterion_{i}_name"] = forms.CharField(
                label=_("評価基準%(number)s") % {"number": i}, max_length=100, required=False
            )
            self.fields[f"criterion_{i}_weight"] = forms.IntegerField(
                label=_("評価基準%(number)sの重み（1〜100）") % {"number": i},
                min_value=1,
                max_value=100,
                required=False,
            )
            self.fields[f"criterion_{i}_description"] = forms.CharField(
                label=_("評価基準%(number)sの説明") % {"number": i},
                max_length=500,
                required=False,
            )

    def clean_issue_ids(self) -> list[Any]:
        from kyoso.issues.selectors import visible_issues

        return self._linked(_ids(self.cleaned_data["issue_ids"]), visible_issues, _("課題"))

    def clean_project_ids(self) -> list[Any]:
        from kyoso.projects.selectors import visible_projects

        return self._linked(
            _ids(self.cleaned_data["project_ids"]), visible_projects, _("プロジェクト")
        )

    def _linked(self, ids: list[int], visible: Any, what: Any) -> list[Any]:
        if not ids:
            return []
        found = {o.pk: o for o in visible(self.viewer).filter(pk__in=ids)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise forms.ValidationError(
                messages.LINK_INVALID % {"ids": ", ".join(map(str, missing)), "what": what}
            )
        return [found[i] for i in ids]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        data["criteria"] = [
            {
                "name": (data.get(f"criterion_{i}_name") or "").strip(),
                "weight": data.get(f"criterion_{i}_weight"),
                "description": (data.get(f"criterion_{i}_description") or "").strip(),
            }
            for i in range(1, CRITERIA_ROWS + 1)
        ]
        data["criteria"] = [
            c for c in data["criteria"] if c["name"] or c["weight"] or c["description"]
        ]
        proposers = data.get("proposers") or []
        for kind in ProposerKind.values:
            data[f"open_to_{kind}"] = kind in proposers
        data["issues"] = data.get("issue_ids") or []
        data["projects"] = data.get("project_ids") or []
        data.setdefault("municipality", None)
        data["latitude"] = data["longitude"] = None
        if data.get("offer_kind") == OfferKind.TRIAL_FIELD and data.get("budget_yen") is not None:
            self.add_error("budget_yen", messages.BUDGET_ONLY_WITH_BUDGET)
        if data.get("offer_kind") == OfferKind.BUDGET and data.get("budget_yen") is None:
            self.add_error("budget_yen", messages.BUDGET_REQUIRED)
        return data


def initial_of(challenge: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        f: getattr(challenge, f)
        for f in (
            "title",
            "problem",
            "background",
            "data_available",
            "constraints_text",
            "theme",
            "offer_kind",
            "budget_yen",
            "offer_place",
            "offer_staff_time",
            "questions_until",
            "proposals_until",
            "decision_by",
            "trial_starts_on",
            "trial_ends_on",
        )
    }
    values["proposers"] = challenge.proposer_kinds
    values["issue_ids"] = ", ".join(str(i.pk) for i in challenge.issues.all())
    values["project_ids"] = ", ".join(str(p.pk) for p in challenge.projects.all())
    from kyoso.challenges import screening_link

    for i, c in enumerate(screening_link.criteria(challenge)[:CRITERIA_MAX], start=1):
        values[f"criterion_{i}_name"] = c.name
        values[f"criterion_{i}_weight"] = c.weight
        values[f"criterion_{i}_description"] = c.description
    return values


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("質問"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("回答"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )


class ProposalForm(forms.Form):
    organization = forms.ChoiceField(label=_("提案する団体"))
    summary = forms.CharField(
        label=_("提案の概要"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )
    approach = forms.CharField(label=_("解決の方法"), widget=forms.Textarea, max_length=5000)
    team = forms.CharField(
        label=_("体制"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )
    cost_yen = forms.IntegerField(
        label=_("費用（円）"), required=False, min_value=0, max_value=10_000_000_000
    )
    timeline = forms.CharField(
        label=_("スケジュール"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    pdfs = MultipleFileField(
        label=_("資料（PDF、3件まで・1件10MBまで）"),
        widget=MultipleFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args: Any, organizations: Any = (), editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        field = cast(forms.ChoiceField, self.fields["organization"])
        field.choices = [(str(o.pk), o.name) for o in organizations]
        if editing:
            del self.fields["organization"]

    def clean_organization(self) -> Any:
        return self.organizations.get(self.cleaned_data["organization"])


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """Attributes as Django's ``attrs.html`` writes them (False left out, True bare)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class ListSelect(forms.Select):
    """A select written in Python rather than one template per option: the same HTML as
    Django's ``select.html`` (attributes, selected option, optgroups), at a fraction of the
    cost — the list's filter has ~30 options and a place per municipality, rendered on every
    page of the list (issue 15's p95 ≤ 50 ms)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = []
        for group_name, options, _index in widget["optgroups"]:
            rows = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                ((o["value"], _attrs(o["attrs"]), o["label"]) for o in options),
            )
            if group_name:
                rows = format_html('<optgroup label="{}">{}</optgroup>', group_name, rows)
            parts.append(rows)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            mark_safe("".join(parts)),  # noqa: S308 — each part escaped by format_html
        )


class FilterForm(forms.Form):
    direction = forms.ChoiceField(label=_("方向"), required=False, widget=ListSelect)
    proposer = forms.ChoiceField(label=_("提案できる団体"), required=False, widget=ListSelect)
    theme = forms.ChoiceField(label=_("テーマ"), required=False, widget=ListSelect)
    municipality = forms.ChoiceField(label=_("地域"), required=False, widget=ListSelect)
    budget = forms.ChoiceField(label=_("予算"), required=False, widget=ListSelect)
    open_now = forms.BooleanField(label=_("いま募集中のものだけ"), required=False)

    def __init__(self, *args: Any, places: Iterable[tuple[str, str]] = (), **kwargs: Any) -> None:
        """``places``: the municipalities offered, ``(code, name)`` (selectors.listed_places)."""
        super().__init__(*args, **kwargs)
        every = ("", _("すべて"))
        choices: dict[str, list[tuple[str, Any]]] = {
            "direction": list(Direction.choices),
            "proposer": [c for c in ProposerKind.choices if c[0] != "anyone"],
            "theme": list(Theme.choices),
            "municipality": list(places),
            "budget": [
                ("trial_field", _("実証フィールドのみ")),
                ("under_1m", _("100万円未満")),
                ("1m_10m", _("100万〜1,000万円")),
                ("10m_plus", _("1,000万円以上")),
            ],
        }
        assert {c[0] for c in choices["budget"]} == set(BUDGET_RANGES)
        for name, values in choices.items():
            cast(forms.ChoiceField, self.fields[name]).choices = [every, *values]

    def filter_values(self) -> tuple[dict[str, Any], bool]:
        self.is_valid()
        values = {
            name: self.cleaned_data.get(name)
            for name in self.fields
            if name not in self.errors and self.cleaned_data.get(name)
        }
        return values, bool(self.errors)
