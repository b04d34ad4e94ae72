"""Forms of the campaigns app: they parse (yen amounts through ``kyoso.core.money``, dates);
the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.campaigns import messages
from kyoso.campaigns.models import (
    REASON_MAX,
    TEXT_MAX,
    TIER_TEXT_MAX,
    TIER_TITLE_MAX,
    TITLE_MAX,
    Method,
    Mode,
    Tier,
)
from kyoso.core.money import MoneyError, parse_yen

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class YenField(forms.CharField):
    """「3,000」「3千円」「1.5万円」 → 3000; a clear message for anything else."""

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_yen(text)
        except MoneyError as error:
            raise forms.ValidationError(str(error)) from None


class CampaignForm(forms.Form):
    title = forms.CharField(label=_("タイトル"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("説明"), max_length=TEXT_MAX, required=False, widget=forms.Textarea
    )
    goal = YenField(label=_("目標金額（円）"))
    mode = forms.ChoiceField(label=_("方式"), choices=Mode.choices, widget=forms.RadioSelect)
    deadline = forms.DateTimeField(
        label=_("締切日時"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if locked:
            for name in ("goal", "mode", "deadline"):
                self.fields[name].disabled = True


class TierForm(forms.Form):
    title = forms.CharField(label=_("リターン名"), max_length=TIER_TITLE_MAX)
    description = forms.CharField(
        label=_("内容"), max_length=TIER_TEXT_MAX, required=False, widget=forms.Textarea
    )
    min_amount = YenField(label=_("支援額（円以上）"))
    quantity = forms.IntegerField(
        label=_("数量（空欄なら無制限）"), required=False, min_value=1, max_value=100_000
    )


class PledgeForm(forms.Form):
    amount = YenField(label=_("支援額（円）"))
    tier = forms.TypedChoiceField(label=_("リターン"), required=False, coerce=int, empty_value=None)
    #: A card only when Stripe's keys are configured (``card=True``): the card holder then
    #: confirms it on the payments app's card page (Stripe's Payment Element).
    method = forms.ChoiceField(
        label=_("支払い方法"),
        choices=[(Method.BANK_TRANSFER.value, Method.BANK_TRANSFER.label)],
        widget=forms.RadioSelect,
        initial=Method.BANK_TRANSFER,
    )
    payer_name = forms.CharField(label=_("お支払いになる方のお名前"), max_length=100)
    payer_kana = forms.CharField(label=_("フリガナ（振込名義）"), max_length=100, required=False)
    show_name = forms.BooleanField(
        label=_("支援者としてお名前をページに表示する"), required=False, initial=True
    )

    def __init__(
        self, *args: Any, tiers: list[Tier] | None = None, card: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        method = self.fields["method"]
        if card:
            method.choices = [  # type: ignore[attr-defined]
                (Method.BANK_TRANSFER.value, Method.BANK_TRANSFER.label),
                (Method.CARD.value, Method.CARD.label),
            ]
        else:
            method.help_text = messages.CARD_NOT_OFFERED
        choices: list[tuple[Any, Any]] = [("", _("リターンなし"))]
        for tier in tiers or []:
            label = f"{tier.title}（{tier.min_amount:,}円以上）"
            if tier.quantity is not None:
                label += f" 残り{tier.remaining}"
            choices.append((tier.pk, label))
        self.fields["tier"].choices = choices  # type: ignore[attr-defined]

    def clean_amount(self) -> int:
        amount = self.cleaned_data.get("amount")
        if amount is None:
            raise forms.ValidationError(messages.AMOUNT_REQUIRED)
        if amount <= 0:
            raise forms.ValidationError(messages.AMOUNT_NOT_POSITIVE)
        return amount


class StopForm(forms.Form):
    reason = forms.CharField(
        label=_("中止の理由"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
