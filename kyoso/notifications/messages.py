"""User-facing messages of the notifications app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

PREFERENCE_SAVED = _("通知の設定を保存しました。")
ALL_MARKED_READ = _("すべての通知を既読にしました。")
NOTHING_UNREAD = _("未読の通知はありません。")
CURSOR_INVALID = _("ページの位置を読み取れなかったため、最初のページを表示しています。")
DELIVERY_REQUIRED = _("受け取り方を選んでください。")
LANGUAGE_REQUIRED = _("メールの言語を選んでください。")
QUIET_HOURS_BOTH = _(
    "通知を控える時間は、開始と終了の両方を選んでください（使わないときは両方「なし」）。"
)
QUIET_HOURS_SAME = _("通知を控える時間の開始と終了は、違う時刻にしてください。")
UNSUBSCRIBE_LINK_INVALID = _(
    "この配信停止のリンクは正しくありません（途中で切れているか、書き換えられています）。"
    "メールのリンクをそのまま開くか、ログインして「通知の設定」から変えてください。"
)
UNSUBSCRIBE_PERSON_GONE = _("このリンクのアカウントはすでにありません。")
UNSUBSCRIBED = _("「%(type)s」のメールを停止しました。サイト内の通知は引き続き届きます。")
