"""User-facing messages of the audit app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

DATE_RANGE_REVERSED = _("開始日が終了日より後になっています。日付を確かめてください。")
FILTERS_NOT_APPLIED = _("読み取れなかった条件があります。その条件は使わずに表示しています。")
EXPORT_REFUSED = _(
    "条件に誤りがあるため、CSVを書き出しませんでした。条件を直してからもう一度お試しください。"
)
