"""User-facing messages of the notifications app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

PREFERENCE_SAVED = _("通知の設定を保存しました。")
ALL_MARKED_READ = _("すべての通知を既読にしました。")
NOTHING_UNREAD = _("未読の通知はありません。")
