"""User-facing messages of LINE Login, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

LINE_UNAVAILABLE = _("現在LINEでのログインは利用できません。メールアドレスでログインしてください。")
LINE_FAILED = _("LINEでのログインを確認できませんでした。お手数ですが、もう一度お試しください。")
LINE_CANCELLED = _("LINEでのログインが中止されました。")
LINE_TAKEN = _(
    "このLINEアカウントは別のKyosoアカウントに連携されています。"
    "そのアカウントでログインしてください。"
)
LINE_ALREADY_CONNECTED = _(
    "このアカウントには既に別のLINEアカウントが連携されています。先に連携を解除してください。"
)
LINE_CONNECTED = _("LINEアカウントを連携しました。次回からLINEでログインできます。")
LINE_DISCONNECTED = _("LINEアカウントの連携を解除しました。")
LINE_LAST_WAY_IN = _(
    "LINE連携を解除すると、このアカウントにログインする方法がなくなります。"
    "先にパスワードを設定するか、メールアドレスを確認してください。"
)
LINE_SIGNUP_EXPIRED = _("LINEでの登録の有効期限が切れました。もう一度LINEでログインしてください。")
LINE_SETTINGS_SAVED = _("LINEログインの設定を保存しました。")
LINE_SECRET_REQUIRED = _("LINEログインを使うにはチャネルIDとチャネルシークレットが必要です。")
LINE_CHANNEL_ID_INVALID = _("チャネルIDは数字で入力してください。")
