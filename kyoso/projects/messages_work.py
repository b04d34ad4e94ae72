"""Messages of a project's work (needs, trials, hearings, resources, updates, comments,
reports): constants the views show and the tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Common ------------------------------------------------------------------------------------
TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
REQUIRED = _("この項目を入力してください。")
ORGANIZATION_UNKNOWN = _("この識別名（スラッグ）の団体は見つかりません。")
PERSON_NOT_CANDIDATE = _("選べるのはこのプロジェクトのメンバーかフォロワーです。")
NOT_A_DATE = _("日付を「2026-04-01」の形で入力してください。")

# --- Needs -------------------------------------------------------------------------------------
NEED_TITLE_REQUIRED = _("困りごとの内容を入力してください。")
NEED_KIND_REQUIRED = _("困りごとの種類を選んでください。")
NEED_KIND_UNKNOWN = _("困りごとの種類は一覧から選んでください。")
SKILL_UNKNOWN = _("知らないスキルです：%(skills)s。スキルは一覧から選んでください。")
HOURS_INVALID = _("月あたりの時間は0から744までの整数で入力してください。")
WORK_STYLE_UNKNOWN = _("働き方は「リモート」「現地」「リモートと現地」から選んでください。")
NEED_ADDED = _("困りごとを追加しました。")
NEED_SAVED = _("困りごとを保存しました。")
NEED_DELETED = _("困りごとを削除しました。")
NEED_STATUS_CHANGED = _("困りごとの状態を変えました。")
NEED_STATUS_UNCHANGED = _("困りごとは既にその状態です。")
NEED_STATUS_UNKNOWN = _("困りごとの状態は「募集中」「相談中」「充足」から選んでください。")
NEED_CHANGED_ELSEWHERE = _(
    "この困りごとは、ほかの人が先に状態を変えました。ページを読み込み直して確認してください。"
)
NEED_FILLED_BY_REQUIRED = _("充足にするには、応えた人か団体のどちらかを入力してください。")
NEED_FILLED_BY_BOTH = _("応えた人と団体は、どちらか一方だけを入力してください。")
NEED_REOPEN_REASON_REQUIRED = _("募集を再開する理由を入力してください。")
NEED_FILL_LEADS_ONLY = _("「相談中」「充足」にできるのはプロジェクトのリーダーです。")
NOTE_NEED_FILLED = _("プロジェクト「%(title)s」の困りごと「%(need)s」が満たされました。")

# --- Trials, hearings, resources -----------------------------------------------------------------
TRIAL_TITLE_REQUIRED = _("実験のタイトルを入力してください。")
TRIAL_HYPOTHESIS_REQUIRED = _("実験の仮説を入力してください。")
TRIAL_PERIOD_BACKWARDS = _("終了日は開始日と同じ日か、それより後にしてください。")
TRIAL_SAVED = _("実験を保存しました。")
TRIAL_DELETED = _("実験を削除しました。")
HEARING_WHO_REQUIRED = _(
    "話を聞いた相手（人、団体、または「〇〇地区の住民」のような説明）を入力してください。"
)
HEARING_DATE_REQUIRED = _("ヒアリングの日付を入力してください。")
HEARING_LEARNED_REQUIRED = _("わかったことを入力してください。")
HEARING_SAVED = _("ヒアリングを保存しました。")
HEARING_DELETED = _("ヒアリングを削除しました。")
RESOURCE_NAME_REQUIRED = _("資源の名前を入力してください。")
RESOURCE_KIND_REQUIRED = _("資源の種類を選んでください。")
RESOURCE_SAVED = _("地域資源を保存しました。")
RESOURCE_DELETED = _("地域資源を削除しました。")
RECORD_GONE = _("この記録は既に削除されています。")

# --- Updates -----------------------------------------------------------------------------------
UPDATE_BODY_REQUIRED = _("活動報告の本文を入力してください。")
UPDATE_POSTED = _("活動報告を投稿しました。フォロワーに知らせました。")
UPDATE_DELETED = _("活動報告を削除しました。")
IMAGE_NOT_IMAGE = _(
    "「%(name)s」は画像として読み込めませんでした。JPEG・PNG・GIF・WebPの画像を選んでください。"
)
IMAGE_TOO_LARGE = _("「%(name)s」は大きすぎます。%(limit)sMB以下の画像にしてください。")
IMAGE_TOO_MANY_PIXELS = _("「%(name)s」は画素数が多すぎます。縮小してから選んでください。")
NOTE_UPDATE = _("プロジェクト「%(title)s」に活動報告がありました。")

# --- Comments ----------------------------------------------------------------------------------
COMMENT_REQUIRED = _("コメントを入力してください。")
COMMENT_POSTED = _("コメントを投稿しました。")
COMMENT_SAVED = _("コメントを保存しました。")
COMMENT_DELETED = _("コメントを削除しました。")
COMMENT_GONE = _("このコメントは既に削除されているか、非表示になっています。")
COMMENTS_LOCKED = _("このプロジェクトへのコメントは締め切られています。")
COMMENT_DELETED_TOMBSTONE = _("このコメントは削除されました。")
COMMENT_HIDDEN_TOMBSTONE = _("このコメントは事務局により非表示にされました。")
NOTE_COMMENT = _("プロジェクト「%(title)s」にコメントがありました。")

# --- Moderation --------------------------------------------------------------------------------
REPORT_SENT = _("通報を受け付けました。事務局が確認します。ご協力ありがとうございます。")
REPORT_REASON_REQUIRED = _("通報の理由を入力してください。")
REPORT_DUPLICATE = _(
    "この内容は既に通報済みで、事務局が確認しています。重ねて通報する必要はありません。"
)
REPORT_OWN_CONTENT = _("自分の投稿は通報できません。直したいときは編集または削除してください。")
REPORT_TARGET_GONE = _("このコメントは削除または非表示にされているため、通報できません。")
REPORT_PROJECT_HIDDEN = _("このプロジェクトは既に非表示になっています。")
HIDE_REASON_REQUIRED = _(
    "非表示にする理由を入力してください。理由はリーダーや投稿者に伝えられます。"
)
PROJECT_HIDDEN = _("プロジェクトを非表示にしました。リーダーに理由を伝えました。")
PROJECT_ALREADY_HIDDEN = _("このプロジェクトは既に非表示になっています。")
PROJECT_UNHIDDEN = _("プロジェクトを再び表示しました。")
PROJECT_NOT_HIDDEN = _("このプロジェクトは非表示になっていません。")
COMMENT_HIDDEN = _("コメントを非表示にしました。投稿者に理由を伝えました。")
COMMENT_ALREADY_HIDDEN = _("このコメントは既に非表示になっているか、削除されています。")
COMMENT_UNHIDDEN = _("コメントを再び表示しました。")
COMMENT_NOT_HIDDEN = _("このコメントは非表示になっていません。")
REPORTS_DISMISSED = _("通報を「問題なし」として閉じました。")
REPORTS_ALREADY_HANDLED = _("この通報は既に対応済みです。")
COMMENTS_LOCKED_DONE = _("このプロジェクトへのコメントを締め切りました。")
COMMENTS_ALREADY_LOCKED = _("このプロジェクトへのコメントは既に締め切られています。")
COMMENTS_UNLOCKED_DONE = _("このプロジェクトへのコメントを再開しました。")
COMMENTS_NOT_LOCKED = _("このプロジェクトへのコメントは締め切られていません。")
NOTE_REPORT_RECEIVED = _("プロジェクト「%(title)s」について通報がありました。")
NOTE_PROJECT_HIDDEN = _("プロジェクト「%(title)s」を事務局が非表示にしました。理由：%(reason)s")
NOTE_COMMENT_HIDDEN = _(
    "プロジェクト「%(title)s」へのあなたのコメントを事務局が非表示にしました。理由：%(reason)s"
)
NOTE_REPORT_HANDLED = _("通報いただいた「%(title)s」の内容を確認しました。ありがとうございました。")
