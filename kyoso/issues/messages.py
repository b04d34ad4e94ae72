"""User-facing messages of the issues app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Posting and editing ---------------------------------------------------------------------
ISSUE_POSTED = _("課題を投稿しました。")
ISSUE_POSTED_FOR_REVIEW = _(
    "課題を受け付けました。はじめての投稿のため、事務局が確認してから公開されます。"
)
ISSUE_SAVED = _("課題を更新しました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ投稿されていません。")
FILES_MUST_BE_CHOSEN_AGAIN = _(
    "入力した内容は残っていますが、添付ファイルはもう一度選んでください。"
)
TITLE_REQUIRED = _("タイトルを入力してください。")
BODY_REQUIRED = _("本文を入力してください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
THEME_REQUIRED = _("テーマを1つ以上選んでください。")
CHOICE_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
ORGANIZATION_NOT_ALLOWED = _(
    "その団体として投稿することはできません。所属している団体を選んでください。"
)
POINT_INCOMPLETE = _(
    "地図の場所は緯度と経度を両方指定してください（または両方とも空にしてください）。"
)
LATITUDE_INVALID = _("緯度は-90から90までの数値で入力してください（例：38.268215）。")
LONGITUDE_INVALID = _("経度は-180から180までの数値で入力してください（例：140.869356）。")
COORDINATE_TOO_PRECISE = _("緯度・経度は小数点以下6桁までで入力してください。")
POSTING_LIMIT_ACCOUNT = _(
    "短い時間に多くの課題が投稿されたため、投稿を一時的に止めています。"
    "1時間に%(limit)s件まで投稿できます。しばらくしてからもう一度お試しください。"
)
POSTING_LIMIT_IP = _(
    "このネットワークから短い時間に多くの投稿があったため、投稿を一時的に止めています。"
    "しばらくしてからもう一度お試しください。"
)
COMMENT_LIMIT_ACCOUNT = _(
    "短い時間に多くのコメントが投稿されたため、コメントを一時的に止めています。"
    "しばらくしてからもう一度お試しください。"
)

# --- Attachments -----------------------------------------------------------------------------
TOO_MANY_FILES = _("添付ファイルは%(limit)s件までです。")
FILE_NOT_ALLOWED = _(
    "「%(name)s」は画像（JPEG・PNG・GIF・WebP）またはPDFとして読み取れませんでした。"
    "拡張子だけを変えたファイルは添付できません。"
)
FILE_TOO_LARGE = _("「%(name)s」は大きすぎます。1ファイル%(limit)sMBまでです。")
IMAGE_TOO_MANY_PIXELS = _(
    "「%(name)s」は縦横が大きすぎます。8000×8000ピクセル以下の画像を選んでください。"
)
FILE_EMPTY = _("「%(name)s」は空のファイルです。")

# --- Stages ----------------------------------------------------------------------------------
STAGE_CHANGED = _("段階を「%(stage)s」に変更しました。")
STAGE_UNCHANGED = _("いまと同じ段階です。別の段階を選んでください。")
STAGE_NOT_ALLOWED = _("この段階には変更できません。")
STAGE_REASON_REQUIRED = _("段階を変える理由を入力してください。")
STAGE_CHANGED_ELSEWHERE = _(
    "この課題の段階は、ほかの人がちょうど変更しました。ページを読み込み直してください。"
)

# --- Engagement ------------------------------------------------------------------------------
EMPATHY_ADDED = _("共感しました。")
EMPATHY_REMOVED = _("共感を取り消しました。")
FOLLOW_ADDED = _("この課題をフォローしました。新しいコメントや段階の変更をお知らせします。")
FOLLOW_REMOVED = _("フォローをやめました。")
OFFER_SENT = _("「手伝えます」を送りました。投稿者と事務局に届きます。")
OFFER_KINDS_REQUIRED = _("できることを1つ以上選んでください。")
OFFER_MESSAGE_REQUIRED = _("メッセージを入力してください。")
OFFER_OWN_ISSUE = _("自分の課題には「手伝えます」を送れません。")

# --- Comments --------------------------------------------------------------------------------
COMMENT_POSTED = _("コメントしました。")
COMMENT_SAVED = _("コメントを更新しました。")
COMMENT_DELETED = _("コメントを削除しました。")
COMMENT_REQUIRED = _("コメントを入力してください。")
COMMENT_TOMBSTONE = _("このコメントは削除されました")
COMMENT_HIDDEN = _("このコメントは事務局により非表示にされました")
COMMENTS_LOCKED = _("この課題へのコメントは締め切られています。")
COMMENTS_CLOSED = _("この課題にはコメントできません。")
REPLY_TOO_DEEP = _("返信には返信できません。元のコメントに返信してください。")
REPLY_PARENT_MISSING = _("返信先のコメントが見つかりません。")
EDIT_WINDOW_OVER = _("コメントを編集できるのは投稿から%(minutes)s分以内です。")
COMMENT_ALREADY_DELETED = _("このコメントは既に削除されています。")

# --- Lists -----------------------------------------------------------------------------------
CURSOR_INVALID = _("ページの指定が正しくありません。最初のページを表示しています。")
FILTER_INVALID = _("絞り込みの条件に正しくない値があったため、その条件は使っていません。")

# --- Display ---------------------------------------------------------------------------------
NAME_HIDDEN = _("名前非公開")
