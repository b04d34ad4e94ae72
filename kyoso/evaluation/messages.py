"""User-facing messages of the evaluation app (Japanese msgids; the lead translates)."""

from django.utils.translation import gettext_lazy as _

FY_OUT_OF_RANGE = _(
    "%(year)s年度の報告書は作れません。%(first)s年度から%(last)s年度までの年度を指定してください。"
)
FY_NOT_A_YEAR = _(
    "「%(text)s」は年度として読み取れません。「2021」のように西暦で指定してください。"
)
ALREADY_PUBLISHED = _("この年度の報告書はすでに公開されています。")
NOT_PUBLISHED = _("この年度の報告書は公開されていません。")
REASON_REQUIRED = _("公開を止める理由を書いてください。")
HIGHLIGHT_TOO_LONG = _("%(section)sの記述は%(limit)s文字以内にしてください（%(length)s文字）。")
HIGHLIGHTS_SAVED = _("記述を保存しました。")
PUBLISHED = _("%(label)sの評価報告書を公開しました。")
WITHDRAWN = _("%(label)sの評価報告書の公開を止めました。")
TABLE_UNKNOWN = _("「%(key)s」という表はありません。")
NO_RECORD = _("記録なし")
