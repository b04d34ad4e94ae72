"""User-facing messages of check-in, tickets, calendars, the historic import and the
participation figures, as constants that tests assert against (Japanese msgids)."""

from django.utils.translation import gettext_lazy as _

# --- Check-in ---------------------------------------------------------------------------------
CODE_REQUIRED = _("受付コードを入力してください。")
CODE_UNKNOWN = _(
    "受付コード「%(code)s」はこのイベントの申込にありません。コードを確かめてください。"
)
CODE_WAITLISTED = _("%(name)sさんはキャンセル待ちのため受付できません（参加が確定していません）。")
CODE_CANCELLED = _("%(name)sさんの申込はキャンセルされているため受付できません。")
CHECKED_IN = _("%(name)sさんを受付しました。")
ALREADY_CHECKED_IN = _("%(name)sさんは%(time)sに受付済みです。")
CHECKIN_UNDONE = _("%(name)sさんの受付を取り消しました。")
NOT_CHECKED_IN = _("%(name)sさんはまだ受付していません。")
EVENT_CANCELLED = _("中止になったイベントでは受付できません。")
WALK_IN_NAME_REQUIRED = _("当日参加の方の氏名を入力してください。")
WALK_IN_ADDED = _("当日参加の%(name)sさんを受付しました。")
COUNT_CHANGED = _("人数のみの参加者を%(count)s人にしました。")
COUNT_CANNOT_GO_BELOW_ZERO = _("人数のみの参加者は0人より少なくできません。")
COUNT_DELTA_INVALID = _("人数は-100から100までの整数で入力してください。")

# --- Import -----------------------------------------------------------------------------------
IMPORT_UNKNOWN_ORGANIZATION = _(
    "「%(slug)s」という団体はありません。団体のURL用の名前を入力してください。"
)
IMPORT_NO_FILE = _("CSVファイルを選んでください。")
IMPORT_TOO_LARGE = _(
    "ファイルが大きすぎます（%(size)s）。画面からは%(limit)sまで、%(rows)s行までです。"
    "それより大きいファイルは管理コマンド import_events で取り込んでください。"
)
IMPORT_TOO_MANY_ROWS = _(
    "行が多すぎます（%(rows)s行）。画面からは%(limit)s行までです。"
    "管理コマンド import_events で取り込んでください。"
)
IMPORT_ENCODING = _(
    "ファイルの文字コードを読み取れません。UTF-8（BOMの有無は問いません）"
    "またはShift_JIS（Excelの「CSV（コンマ区切り）」）で保存してください。"
)
IMPORT_EMPTY = _("ファイルに見出し行がありません。1行目に列名を書いてください。")
IMPORT_MISSING_COLUMNS = _(
    "必須の列がありません: %(columns)s。1行目の見出しを確かめてください（docs/events-import.md）。"
)
IMPORT_UNKNOWN_COLUMNS = _("知らない列があります: %(columns)s。列名を確かめてください。")
IMPORT_NO_ROWS = _("取り込む行がありません。")
IMPORT_REQUIRED = _("「%(column)s」が空です。")
IMPORT_BAD_TIME = _(
    "「%(text)s」は時刻として読み取れません。「19:00～20:15」の形で書いてください。"
)
IMPORT_END_BEFORE_START = _("終了時刻（%(end)s）が開始時刻（%(start)s）より前です。")
IMPORT_UNKNOWN_KIND = _("種類「%(text)s」はありません。使えるのは %(choices)s です。")
IMPORT_UNKNOWN_THEME = _("テーマ分類「%(text)s」はありません。使えるのは %(choices)s です。")
IMPORT_UNKNOWN_MODE = _(
    "開催方法「%(text)s」はありません。会場・オンライン・ハイブリッドのどれかです。"
)
IMPORT_BAD_COUNT = _("参加人数「%(text)s」は0以上の整数で書いてください。")
IMPORT_DUPLICATE_ROW = _("%(line)s行目と同じイベント（種類・開始日時・タイトル）です。")
IMPORT_TOO_LONG = _("「%(column)s」が長すぎます（%(limit)s文字まで）。")
IMPORT_ROW_ERROR = _("%(line)s行目: %(message)s")
IMPORT_NOTHING_IMPORTED = _(
    "問題が%(count)s件あったため、何も取り込んでいません。直してからもう一度アップロードしてください。"
)
IMPORT_DONE = _(
    "%(created)s件を取り込みました（すでにあった%(skipped)s件は取り込みませんでした）。"
)
