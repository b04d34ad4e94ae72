"""Forms of the staff pages (they parse; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kyoso.ledger.models import MAX_AMOUNT
from kyoso.payments.statements import MAX_BYTES


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("入出金明細のファイル"),
        help_text=_("全銀形式（入出金取引明細）または CSV（UTF-8 か Shift_JIS）。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("ファイルが大きすぎます（20 MB まで）。"))
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500)


class RefundForm(forms.Form):
    amount = forms.IntegerField(
        label=_("返金額（円）"),
        required=False,
        min_value=1,
        max_value=MAX_AMOUNT,
        help_text=_("空欄なら返金できる残りの全額。"),
    )
    reason = forms.CharField(label=_("理由"), max_length=500)


class AssignForm(forms.Form):
    reference = forms.CharField(
        label=_("支払いの参照番号"), max_length=40, help_text=_("例：KY-7XK3-9MQD")
    )
    reason = forms.CharField(label=_("メモ"), max_length=500, required=False)
