"""Messages the REST API returns in ``{"error": {"message": ...}}``; tests assert against these.

Japanese is the source language (msgid); English comes from the ``en`` catalog.
"""

from django.utils.translation import gettext_lazy as _

# --- Error kinds (one per ``error.code``) ---------------------------------------------------
VALIDATION_FAILED = _("入力内容に誤りがあります。details を確認してください。")
NOT_AUTHENTICATED = _(
    "認証が必要です。APIトークンを Authorization: Bearer ヘッダーで送るか、ログインしてください。"
)
TOKEN_INVALID = _("APIトークンが無効です。失効したか、有効期限が切れているか、正しくありません。")
INSUFFICIENT_SCOPE = _("このAPIトークンには書き込みの権限（write）がありません。")
CSRF_FAILED = _(
    "CSRFトークンが確認できませんでした。ページを再読み込みしてからもう一度お試しください。"
)
PERMISSION_DENIED = _("この操作を行う権限がありません。")
NOT_FOUND = _("指定されたものが見つかりません。")
METHOD_NOT_ALLOWED = _("このURLではこのHTTPメソッドは使えません。")
THROTTLED = _("リクエストが多すぎます。%(seconds)s秒ほど待ってからもう一度お試しください。")
THROTTLED_NO_WAIT = _("リクエストが多すぎます。しばらく待ってからもう一度お試しください。")
LOGIN_FAILED = _("メールアドレスまたはパスワードが正しくありません。")
LOGIN_THROTTLED = _(
    "ログインの失敗が続いたため、このアカウントへのログインを一時的に止めています。"
    "%(seconds)s秒ほど待ってからもう一度お試しください。"
)
TOTP_REQUIRED = _(
    "このアカウントは二要素認証を使っています。"
    "認証アプリの6桁の確認コードを totp_code に入れてください。"
)
TOTP_INVALID = _("確認コードが正しくないか、有効期限が切れています。")
TWO_FACTOR_SETUP_REQUIRED = _(
    "事務局・管理者のアカウントには二要素認証の設定が必要です。"
    "設定を完了してからもう一度お試しください。"
)
EMAIL_VERIFICATION_REQUIRED = _("この操作にはメールアドレスの確認が必要です。")
SERVER_ERROR = _("サーバーでエラーが発生しました。時間をおいてもう一度お試しください。")
SERVICE_UNAVAILABLE = _(
    "データベースに接続できないため、一時的にご利用いただけません。"
    "%(seconds)s秒ほど待ってからもう一度お試しください。"
)
HTTP_ERROR = _("リクエストを処理できませんでした。")

# --- Field-level validation messages (``error.details[].message``) --------------------------
FIELD_REQUIRED = _("この項目は必須です。")
FIELD_BLANK = _("空欄にはできません。")
FIELD_INVALID = _("値が正しくありません。")
FIELD_NOT_INTEGER = _("整数で指定してください。")
FIELD_NOT_NUMBER = _("数値で指定してください。")
FIELD_NOT_BOOLEAN = _("true または false で指定してください。")
FIELD_NOT_STRING = _("文字列で指定してください。")
FIELD_NOT_LIST = _("配列で指定してください。")
FIELD_NOT_DATETIME = _("日時は ISO 8601 形式（例: 2026-04-01T09:00:00+09:00）で指定してください。")
FIELD_MIN_VALUE = _("%(limit)s以上の値を指定してください。")
FIELD_MAX_VALUE = _("%(limit)s以下の値を指定してください。")
FIELD_TOO_LONG = _("%(limit)s文字以内で入力してください。")
FIELD_TOO_SHORT = _("%(limit)s文字以上で入力してください。")
FIELD_CHOICE = _("次のいずれかを指定してください: %(choices)s")
FIELD_UNKNOWN = _("この項目は指定できません。")
QUERY_PARAMETER_UNKNOWN = _(
    "このパラメーターは指定できません。指定できるのは次のとおりです: %(choices)s"
)
NO_QUERY_PARAMETERS = _("（なし）")
BODY_NOT_JSON = _("リクエスト本文が正しいJSONではありません。")
EXPIRES_IN_PAST = _("有効期限には未来の日時を指定してください。")
PREFECTURE_UNKNOWN = _("都道府県コードは01〜47の2桁で指定してください。")
