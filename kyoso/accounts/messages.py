"""User-facing messages of the accounts app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

EMAIL_TAKEN = _(
    "このメールアドレスは既に登録されています。ログインするか、パスワードを再設定してください。"
)
EMAIL_INVALID = _("メールアドレスの形式が正しくありません。")
LOGIN_INVALID = _("メールアドレスまたはパスワードが正しくありません。")
LOGIN_THROTTLED = _(
    "ログインの失敗が続いたため、このアカウントへのログインを一時的に止めています。"
    "%(seconds)s秒ほど待ってからもう一度お試しください。"
)
LOGIN_INACTIVE = _("このアカウントは利用できません。")
VERIFICATION_SENT = _("確認メールを送信しました。メールのリンクを開いて登録を完了してください。")
VERIFICATION_DONE = _("メールアドレスを確認しました。")
VERIFICATION_INVALID = _(
    "確認リンクが無効か、有効期限が切れています。確認メールを再送してください。"
)
VERIFICATION_REQUIRED = _("この操作にはメールアドレスの確認が必要です。")
PROFILE_SAVED = _("プロフィールを保存しました。")
KANA_INVALID = _("フリガナはカタカナで入力してください。")
AVATAR_TOO_LARGE = _("画像のサイズが大きすぎます。2MB以下の画像を選んでください。")
AVATAR_NOT_IMAGE = _("画像ファイル（JPEG・PNG・GIF・WebP）を選んでください。")
AVATAR_TOO_MANY_PIXELS = _(
    "画像の縦横が大きすぎます。8000×8000ピクセル以下の画像を選んでください。"
)
AVATAR_SAVED = _("アイコン画像を更新しました。")
AVATAR_REMOVED = _("アイコン画像を削除しました。")
TOTP_INVALID = _(
    "確認コードが正しくないか、有効期限が切れています。認証アプリに表示されている6桁の数字を入力してください。"
)
TOTP_ENABLED = _("二要素認証を有効にしました。")
TOTP_DISABLED = _("二要素認証を無効にしました。")
TOTP_REQUIRED_FOR_STAFF = _(
    "事務局・管理者のアカウントには二要素認証の設定が必要です。設定を完了してください。"
)
TOTP_CANNOT_DISABLE = _("事務局・管理者のアカウントでは二要素認証を無効にできません。")
PASSWORD_WRONG = _("パスワードが正しくありません。")
ACCOUNT_DELETED = _("退会しました。ご利用ありがとうございました。")
DELETE_CONFIRM_MISMATCH = _("確認のため「退会する」と入力してください。")
LAST_OWNER_BLOCKS_DELETION = _(
    "次の団体の唯一のオーナーのため退会できません。先に別のメンバーをオーナーにしてください：%(orgs)s"
)
TEXT_TOO_LONG = _("%(limit)s文字以内で入力してください。")
TOO_MANY_ITEMS = _("%(limit)s件以内で入力してください。")
TERMS_REQUIRED = _("登録には利用規約とプライバシーポリシーへの同意が必要です。")
ONBOARDING_PLACE_UNKNOWN = _("選択された市区町村が見つかりません。一覧から選んでください。")
ONBOARDING_CHOICE_UNKNOWN = _("一覧にない項目が選ばれています。選び直してください。")
ONBOARDING_HOURS_INVALID = _("月に関われる時間は0から200までの数字で入力してください。")
ONBOARDING_DONE = _("設定が完了しました。あなたに合った課題や活動を探してみましょう。")
