"""Forms of the fund app: they parse (amounts through kyoso.core.money, lists from lines);
the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.core.money import MoneyError, parse_yen
from kyoso.funding.models import Designation

METHOD_CHOICES = [("bank_transfer", _("銀行振込")), ("card", _("クレジットカード"))]
CARD_NOT_OFFERED = _(
    "このサイトではカード決済が設定されていないため、銀行振込だけをご利用いただけます。"
)
CRITERIA_INVALID = _("審査基準は1行に「基準名:重み（1〜100）」の形で書いてください（%(line)s）。")
BUDGET_LINE_FORMAT = _("予算は1行に「費目,金額」の形で書いてください（%(line)s）。")
TRANCHES_FORMAT = _("分割払いの金額を「,」で区切って書いてください。")


class YenField(forms.CharField):
    """An amount typed as people type it (「12万円」「1,234」); the service checks the range."""

    def __init__(self, *args: Any, max_length: int = 64, **kwargs: Any) -> None:
        # The length is parse_yen's to check (it says so in its message); validators would
        # run on the parsed int.
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric")

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_yen(str(text))
        except MoneyError as error:
            raise forms.ValidationError(str(error)) from None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FundForm(forms.Form):
    organization = forms.ChoiceField(label=_("運営する団体"))
    name = forms.CharField(label=_("基金の名前"), max_length=120)
    purpose = forms.CharField(label=_("目的"), widget=forms.Textarea(attrs={"rows": 4}))
    rules = forms.CharField(
        label=_("運営のきまり"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    themes = forms.CharField(
        label=_("寄附で指定できるテーマ（1行に1つ）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, organizations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organization"]).choices = [
            (o.pk, o.name) for o in organizations
        ]

    def clean_themes(self) -> list[str]:
        return _lines(self.cleaned_data.get("themes", ""))


class DonationForm(forms.Form):
    amount = YenField(label=_("寄附の金額（円）"), max_length=64)
    method = forms.ChoiceField(
        label=_("お支払い方法"), choices=METHOD_CHOICES, widget=forms.RadioSelect
    )
    as_organization = forms.ChoiceField(label=_("寄附する人"), required=False)
    designation = forms.ChoiceField(
        label=_("使いみちの指定"), choices=Designation.choices, initial=Designation.UNDESIGNATED
    )
    theme = forms.ChoiceField(label=_("指定するテーマ"), required=False)
    project = forms.ChoiceField(label=_("指定するプロジェクト"), required=False)
    receipt_name = forms.CharField(label=_("受領証明書の宛名（お名前・団体名）"), max_length=120)
    payer_kana = forms.CharField(
        label=_("振込名義（カタカナ）"),
        max_length=100,
        required=False,
        help_text=_("銀行振込のとき、通帳に印字される名義を書いてください。照合に使います。"),
    )
    receipt_address = forms.CharField(label=_("ご住所"), max_length=200, required=False)
    public_name = forms.CharField(
        label=_("基金のページに表示する名前"),
        max_length=80,
        required=False,
        help_text=_("空欄にすると匿名で表示します。"),
    )
    message = forms.CharField(
        label=_("応援のメッセージ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        themes: Any = (),
        projects: Any = (),
        organizations: Any = (),
        card: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # A card only when Stripe's keys are configured; otherwise say why only a transfer.
        method = cast(forms.ChoiceField, self.fields["method"])
        if card:
            method.choices = METHOD_CHOICES
        else:
            method.choices = METHOD_CHOICES[:1]
            method.initial = "bank_transfer"
            method.help_text = CARD_NOT_OFFERED
        cast(forms.ChoiceField, self.fields["as_organization"]).choices = [
            ("", _("個人として"))
        ] + [(str(o.pk), o.name) for o in organizations]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", "—")] + [
            (t, t) for t in themes
        ]
        cast(forms.ChoiceField, self.fields["project"]).choices = [("", "—")] + [
            (str(p.pk), p.title) for p in projects
        ]


class RoundForm(forms.Form):
    title = forms.CharField(label=_("公募の名前"), max_length=120)
    description = forms.CharField(label=_("募集要項"), widget=forms.Textarea(attrs={"rows": 5}))
    deadline = forms.DateTimeField(
        label=_("締切"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    max_amount = YenField(label=_("1件あたりの上限（円）"), max_length=64)
    eligibility = forms.CharField(
        label=_("応募資格の質問（1行に1つ、すべて「はい」の人が応募できます）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    criteria = forms.CharField(
        label=_("審査基準と重み（1行に「基準名:重み」）"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("公募と同時に公開されます。"),
    )
    reviewers = forms.CharField(
        label=_("審査員のメールアドレス（1行に1人）"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    deciders = forms.CharField(
        label=_("採否を決める審査員のメールアドレス（1行に1人）"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def clean_eligibility(self) -> list[str]:
        return _lines(self.cleaned_data.get("eligibility", ""))

    def clean_criteria(self) -> list[Any]:
        from kyoso.screening.services import CriterionSpec

        specs = []
        for line in _lines(self.cleaned_data.get("criteria", "")):
            name, _sep, weight = line.replace("：", ":").rpartition(":")
            if not name.strip() or not weight.strip().isdigit():
                raise forms.ValidationError(CRITERIA_INVALID % {"line": line})
            specs.append(CriterionSpec(name=name.strip(), weight=int(weight)))
        return specs

    def clean_reviewers(self) -> list[str]:
        return _lines(self.cleaned_data.get("reviewers", ""))

    def clean_deciders(self) -> list[str]:
        return _lines(self.cleaned_data.get("deciders", ""))


def parse_budget(text: str) -> list[dict[str, Any]]:
    lines = []
    for line in _lines(text):
        label, _sep, amount = line.replace("，", ",").rpartition(",")
        if not label.strip():
            raise forms.ValidationError(BUDGET_LINE_FORMAT % {"line": line})
        try:
            value = parse_yen(amount)
        except MoneyError as error:
            raise forms.ValidationError(f"{BUDGET_LINE_FORMAT % {'line': line}} {error}") from None
        lines.append({"label": label.strip(), "amount": value})
    return lines


class ApplicationForm(forms.Form):
    project = forms.ChoiceField(label=_("応募するプロジェクト"))
    plan = forms.CharField(label=_("計画"), widget=forms.Textarea(attrs={"rows": 5}))
    budget = forms.CharField(
        label=_("予算の内訳（1行に「費目,金額」）"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, projects: Any = (), questions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["project"]).choices = [
            (str(p.pk), p.title) for p in projects
        ]
        self.questions = list(questions)
        for n, question in enumerate(self.questions):
            self.fields[f"eligible_{n}"] = forms.BooleanField(label=question, required=False)

    def clean_budget(self) -> list[dict[str, Any]]:
        return parse_budget(self.cleaned_data.get("budget", ""))

    def answers(self) -> list[bool]:
        return [bool(self.cleaned_data.get(f"eligible_{n}")) for n in range(len(self.questions))]


class GrantForm(forms.Form):
    amount = YenField(label=_("助成額（円）"), max_length=64)
    tranches = forms.CharField(
        label=_("分割払いの各回の金額（「,」区切り）"),
        max_length=300,
        help_text=_("例: 200000,100000。2回目以降は前の回の報告のあとに支払います。"),
    )
    terms = forms.CharField(label=_("助成の条件"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_tranches(self) -> list[int]:
        parts = []
        for part in (self.cleaned_data.get("tranches") or "").replace("，", ",").split(","):
            if not part.strip():
                continue
            try:
                parts.append(parse_yen(part))
            except MoneyError as error:
                raise forms.ValidationError(str(error)) from None
        if not parts:
            raise forms.ValidationError(TRANCHES_FORMAT)
        return parts


class ReportForm(forms.Form):
    tranche_number = forms.TypedChoiceField(label=_("報告する回"), coerce=int)
    progress = forms.CharField(label=_("進捗"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, numbers: Any = (), labels: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["tranche_number"]).choices = [
            (n, f"第{n}回") for n in numbers
        ]
        self.labels = list(labels)
        for n, label in enumerate(self.labels):
            self.fields[f"spent_{n}"] = YenField(
                label=_("支出: %(label)s（円）") % {"label": label}, max_length=64, required=False
            )

    def spending(self) -> dict[str, int]:
        return {
            label: self.cleaned_data.get(f"spent_{n}") or 0 for n, label in enumerate(self.labels)
        }
