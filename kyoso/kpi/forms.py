"""Forms of the KPI app: they parse input (numbers with commas and full-width digits are read)
and leave every rule to services.py and validation.py."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyoso.core import indicators as sources
from kyoso.core.fiscal import fiscal_year, fiscal_year_label
from kyoso.core.forms import NormalizedCharField
from kyoso.core.text import normalize_text
from kyoso.kpi import messages
from kyoso.kpi.models import Form, Question, SourceKind, Unit

YEAR_MIN = 2000
YEAR_MAX = 2100


class NumberField(forms.CharField):
    """A decimal typed the Japanese way: ``25,542``, ``２５５４２``, ``43,458.00``."""

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = normalize_text(str(value or "")).replace(",", "").replace("、", "").strip()
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(messages.NOT_A_NUMBER % {"text": text}) from None
        if not number.is_finite() or abs(number) >= Decimal(10) ** 12:
            raise forms.ValidationError(messages.NOT_A_NUMBER % {"text": text})
        return number.quantize(Decimal("0.01"))


def _year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=YEAR_MIN, max_value=YEAR_MAX)


def source_choices() -> list[tuple[str, str]]:
    return [("", "—")] + [(s.key, str(s.label)) for s in sources.registered()]


class IndicatorForm(forms.Form):
    code = NormalizedCharField(label=_("番号"), max_length=20, required=False)
    name = NormalizedCharField(label=_("指標名"), max_length=200)
    unit = forms.ChoiceField(label=_("単位"), choices=Unit.choices)
    baseline = NumberField(label=_("基準値"))
    baseline_year = _year_field(_("基準値の年度（西暦）"))
    plan_start_year = _year_field(_("計画の最初の年度（西暦）"))
    plan_end_year = _year_field(_("計画の最後の年度（西暦）"))
    target_form = forms.ChoiceField(
        label=_("目標値の入力方法"),
        choices=[(Form.INCREMENT, Form.INCREMENT.label), (Form.CUMULATIVE, Form.CUMULATIVE.label)],
    )
    source_kind = forms.ChoiceField(label=_("実績の出どころ"), choices=SourceKind.choices)
    source_key = forms.ChoiceField(label=_("集計の種類"), choices=(), required=False)
    actual_form = forms.ChoiceField(
        label=_("実績値の入力方法（事務局が入力する指標）"), choices=Form.choices
    )
    community = forms.TypedChoiceField(
        label=_("コミュニティ"), choices=(), coerce=int, required=False, empty_value=None
    )
    evaluation_month = forms.IntegerField(label=_("検証月"), min_value=1, max_value=12, initial=9)
    is_public = forms.BooleanField(label=_("公開ページに載せる"), required=False)
    notes = NormalizedCharField(
        label=_("備考"), max_length=4000, required=False, widget=forms.Textarea, multiline=True
    )
    order = forms.IntegerField(label=_("表示順"), min_value=0, initial=0, required=False)

    def __init__(self, *args: Any, communities: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_key"].choices = source_choices()  # type: ignore[attr-defined]
        self.fields["community"].choices = [("", _("すべて"))] + [  # type: ignore[attr-defined]
            (c.pk, c.name) for c in communities
        ]
        self.communities = {c.pk: c for c in communities}

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["community"] = self.communities.get(data.get("community") or 0)
        data["order"] = data.get("order") or 0
        return data


class TargetsForm(forms.Form):
    """One field per year of the plan (blank = no target for that year)."""

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = list(years)
        for year in self.years:
            self.fields[f"y{year}"] = NumberField(label=fiscal_year_label(year), required=False)

    def values(self) -> dict[int, Decimal | None]:
        return {year: self.cleaned_data.get(f"y{year}") for year in self.years}


class ActualForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("年度"), choices=(), coerce=int)
    value = NumberField(label=_("実績値"))
    note = NormalizedCharField(label=_("メモ"), max_length=200, required=False)
    evidence = forms.FileField(label=_("根拠資料（PDF、画像、Excel、CSV）"), required=False)

    def __init__(self, *args: Any, years: Iterable[int] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].choices = [  # type: ignore[attr-defined]
            (y, fiscal_year_label(y)) for y in years
        ]


class SurveyForm(forms.Form):
    title = NormalizedCharField(label=_("タイトル"), max_length=200)
    intro = NormalizedCharField(
        label=_("説明"), max_length=4000, required=False, widget=forms.Textarea, multiline=True
    )
    community = forms.TypedChoiceField(
        label=_("送り先"), choices=(), coerce=int, required=False, empty_value=None
    )
    is_anonymous = forms.BooleanField(
        label=_("回答者を事務局にも伏せる（匿名）"), required=False, initial=True
    )
    closes_at = forms.DateTimeField(
        label=_("締め切り日時"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, communities: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = [  # type: ignore[attr-defined]
            ("", _("すべての参加者"))
        ] + [(c.pk, c.name) for c in communities]
        self.communities = {c.pk: c for c in communities}

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["community"] = self.communities.get(data.get("community") or 0)
        return data


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("形式"), choices=Question.Kind.choices)
    text = NormalizedCharField(label=_("質問"), max_length=200)
    choices = forms.CharField(
        label=_("選択肢（1行に1つ。5段階は空欄なら標準の段階）"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    required = forms.BooleanField(label=_("回答を必須にする"), required=False, initial=True)
    indicator = forms.TypedChoiceField(
        label=_("反映する指標"), choices=(), coerce=int, required=False, empty_value=None
    )
    positive = forms.CharField(
        label=_("指標に数える選択肢の番号（例: 4, 5）"), max_length=50, required=False
    )

    def __init__(self, *args: Any, indicators: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (i.pk, str(i)) for i in indicators
        ]
        self.indicators = {i.pk: i for i in indicators}

    def clean_positive(self) -> list[int]:
        text = normalize_text(self.cleaned_data.get("positive") or "")
        parts = [p for p in text.replace("、", ",").replace(" ", ",").split(",") if p]
        if not all(p.isdigit() and int(p) >= 1 for p in parts):
            raise forms.ValidationError(messages.QUESTION_POSITIVE_INVALID)
        return [int(p) - 1 for p in parts]

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = (data.get("choices") or "").splitlines()
        data["indicator"] = self.indicators.get(data.get("indicator") or 0)
        return data


class AnswerForm(forms.Form):
    """A field per question: radio buttons for Likert and choice, a text box for free text."""

    def __init__(self, *args: Any, questions: Iterable[Question] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            name = f"q{question.pk}"
            if question.kind == Question.Kind.TEXT:
                self.fields[name] = NormalizedCharField(
                    label=question.text,
                    max_length=4000,
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    multiline=True,
                )
            else:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(str(i), label) for i, label in enumerate(question.choices)],
                    widget=forms.RadioSelect,
                    required=False,
                )

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


def this_fiscal_year() -> int:
    return fiscal_year(timezone.now())
