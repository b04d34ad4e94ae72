"""User-facing messages of the matching app (Japanese msgids, English in the catalog)."""

from django.utils.translation import gettext_lazy as _

FEEDBACK_SAVED_INTERESTED = _("「興味あり」を記録しました。")
FEEDBACK_SAVED_NOT_NOW = _("この提案は今後表示しません。")
FEEDBACK_VERDICT_UNKNOWN = _("「興味あり」か「今はいい」を選んでください。")
FEEDBACK_TARGET_UNKNOWN = _("この提案は見つかりませんでした。ページを読み込み直してください。")
PREFERENCE_SAVED = _("マッチングの設定を保存しました。")
NO_SUGGESTIONS = _(
    "まだ提案できるものがありません。プロフィールにスキル・関心のあるテーマ・地域を"
    "入れると、合うミッションやニーズが表示されます。"
)
NO_PEOPLE = _("今のところ、このニーズに合う人は見つかりませんでした。")
NO_PEOPLE_FOR_WORK = _("今のところ、合う人は見つかりませんでした。")
FOR_PARAMETER_INVALID = _(
    "for は need:{id}、mission:{id}、issue:{id} のどれかの形で指定してください。"
)
