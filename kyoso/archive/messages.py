"""User-facing messages of the archive, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Writing ---------------------------------------------------------------------------------
CREATED = _("下書きとして保存しました。内容を確かめて、確認を依頼してください。")
SAVED = _("保存しました。")
SAVED_NEW_VERSION = _("保存しました。公開中の内容は第%(number)s版になりました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
TITLE_REQUIRED = _("タイトルを書いてください。")
TITLE_TOO_LONG = _("タイトルは%(limit)s文字以内で書いてください（いま%(count)s文字です）。")
BODY_TOO_LONG = _("本文は%(limit)s文字以内で書いてください（いま%(count)s文字です）。")
SUMMARY_TOO_LONG = _("概要は%(limit)s文字以内で書いてください（いま%(count)s文字です）。")
BODY_REQUIRED = _("本文を書いてから確認を依頼してください。")
YEAR_INVALID = _("年は2000年から%(last)s年までの西暦（半角数字）で入力してください。")
VALUE_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
TIP_NEEDS_WALL = _("コツには、乗り越える「壁」を1つ以上選んでください。")
IDS_INVALID = _("番号を半角数字で、カンマ区切りで入力してください（例：12, 34）。")
LINK_INVALID = _(
    "番号%(ids)sの%(what)sは見つかりませんでした（見られるものだけ関連付けできます）。"
)
AUTHOR_UNKNOWN = _(
    "%(emails)s の人は見つかりませんでした。登録済みのメールアドレスを書いてください。"
)
NOT_A_WRITER = _(
    "アーカイブに書けるのは、事務局と団体に所属している人です。団体に参加するか、事務局に相談してください。"
)

# --- Workflow --------------------------------------------------------------------------------
SUBMITTED = _("事務局に確認を依頼しました。確認が済むと公開されます。")
PUBLISHED = _("公開しました。")
RETURNED = _("下書きに戻しました。")
REASON_REQUIRED = _("下書きに戻す理由を書いてください。")
WRONG_STATE = _("この記事はいまの状態ではその操作ができません（%(status)s）。")

# --- Attachments -----------------------------------------------------------------------------
ATTACHMENT_ADDED = _("資料「%(name)s」を追加しました。")
ATTACHMENT_REMOVED = _("資料「%(name)s」を削除しました。")
FILE_REQUIRED = _("追加するファイルを選んでください。")
FILE_EMPTY = _("「%(name)s」は空のファイルです。")
FILE_TOO_LARGE = _("「%(name)s」は%(limit)sMBを超えています。")
FILE_NOT_WHAT_IT_CLAIMS = _(
    "「%(name)s」はPDFでも画像（JPEG・PNG・GIF・WebP）でもありません。"
    "ファイルの中身がそのどちらかであるか確かめてください。"
)
FILE_CLAIMS_PDF = _("「%(name)s」は名前がPDFですが、中身がPDFではありません。")
FILE_CLAIMS_IMAGE = _("「%(name)s」は名前が画像ですが、中身が読める画像ではありません。")
TOO_MANY_FILES = _("資料は1件の記事に%(limit)s件までです。")

# --- Gallery ---------------------------------------------------------------------------------
FILTER_INVALID = _("絞り込みの条件のうち、使えないものは無視しました。")
PAGE_INVALID = _("ページの指定が正しくないため、最初のページを表示しています。")
