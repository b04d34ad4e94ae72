"""User-facing messages of the hubs app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Refused bookings --------------------------------------------------------------------------
END_BEFORE_START = _("終了時刻は開始時刻より後にしてください。")
ACROSS_MIDNIGHT = _("日をまたぐ予約はできません。日ごとに分けて予約してください。")
IN_THE_PAST = _("過ぎた日時は予約できません。")
BEYOND_WINDOW = _("%(days)s日先までしか予約できません（%(last)sまで）。")
CLOSED_DAY = _("%(day)sは休館日です（%(reason)s）。")
OUTSIDE_HOURS = _("開館時間（%(opens)s〜%(closes)s）の中で予約してください。")
TOO_SHORT = _("%(minutes)s分以上で予約してください。")
TOO_LONG = _("1回の予約は%(minutes)s分までです。")
MAY_NOT_BOOK = _("このスペースは%(who)sが予約できます。")
SPACE_INACTIVE = _("このスペースはいま予約を受け付けていません。")
OVERLAP = _("その時間はすでに予約があります（準備時間を含みます）。別の時間を選んでください。")
BUSY = _("ただいま予約が混み合っています。少し待ってから、もう一度お試しください。")
DESKS_FULL = _("%(day)sのコワーキング席は満席です。")
ALREADY_HAVE_PASS = _("%(day)sのドロップインはすでに予約済みです。")
WRONG_KIND_DESKS = _("コワーキング席は1日単位（ドロップイン）で予約してください。")
WRONG_KIND_ROOM = _("このスペースは時間を指定して予約してください。")
TOO_MANY_ATTENDEES = _("定員は%(capacity)s人です。")
SERIES_COLLIDES = _(
    "次の日は予約できません：%(dates)s。空いている日だけ予約するか、やめるかを選んでください。"
)
SERIES_EMPTY = _("この繰り返しの条件では予約できる日がありません。")
SERIES_TOO_MANY = _("繰り返しは%(count)s回までです。")
NOT_CANCELLABLE = _("この予約はもうキャンセルできません。")
NOT_PENDING = _("この予約は承認待ちではありません。")
REFUSAL_REASON_REQUIRED = _("お断りの理由を書いてください（予約した人に伝わります）。")
NOT_CHECKABLE = _("この予約はチェックインできません（%(status)s）。")
NOT_TODAY = _("チェックインできるのは予約の当日だけです。")
NO_SHOW_TOO_EARLY = _("来館なしにできるのは開始時刻を過ぎてからです。")
CODE_UNKNOWN = _("このコードの予約はこの拠点にありません。")
ALREADY_PAID = _("この予約の支払いはすでに記録されています。")

# --- Done ----------------------------------------------------------------------------------------
BOOKED = _("予約しました。確認のメールを送りました。")
REQUESTED = _("予約を申し込みました。スタッフが承認すると確定します。")
CANCELLED_FREE = _("予約をキャンセルしました（キャンセル料はかかりません）。")
CANCELLED_CHARGED = _(
    "予約をキャンセルしました。無料キャンセルの期限を過ぎているため、料金%(owed)sがかかります。"
)
APPROVED = _("予約を承認しました。")
REFUSED = _("予約をお断りしました。")
CHECKED_IN = _("%(name)sさんがチェックインしました。")
MARKED_NO_SHOW = _("来館なしにしました。")
PAYMENT_RECORDED = _("支払いを記録しました。")
SERIES_BOOKED = _("%(count)s回分を予約しました。")
SAVED = _("保存しました。")
EVENT_HELD = _("イベント「%(title)s」の会場として%(space)sを押さえました。")
EVENT_ROOM_REFUSED = _("会場として押さえている拠点の部屋を移せません：%(reason)s")
NO_EVENT_TO_HOLD = _(
    "会場を押さえられるイベントがありません。これから開催する、主催しているイベントで、まだ会場を押さえていないものが対象です。"
)
PHOTO_ADDED = _("写真を追加しました。")
PHOTO_REMOVED = _("写真を削除しました。")
PHOTO_CAPTION_REQUIRED = _("写真の説明（見えない人のための代替テキスト）を入力してください。")
PHOTO_REQUIRED = _("写真のファイルを選んでください。")
PHOTO_NOT_IMAGE = _(
    "「%(name)s」は画像として読めません。JPEG・PNG・GIF・WebPの写真を選んでください。"
)
PHOTO_TOO_LARGE = _("「%(name)s」は大きすぎます。%(limit)sMBまでの写真を選んでください。")
PHOTO_TOO_MANY_PIXELS = _("「%(name)s」は画素数が多すぎます。縮小してから選んでください。")
PHOTOS_FULL = _("写真は%(limit)s枚までです。新しい写真を追加する前に、どれかを削除してください。")
EVENT_CHOICE_INVALID = _("一覧からイベントを選んでください。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")

# --- Forms ---------------------------------------------------------------------------------------
DATE_INVALID = _("日付を「2026-04-01」の形で入力してください。")
TIME_INVALID = _("時刻を「18:30」の形で入力してください。")
REQUIRED = _("入力してください。")
NUMBER_RANGE = _("%(min)s〜%(max)sの数で入力してください。")
HOURS_BOTH = _("開館と閉館の両方を入力するか、両方を空にしてください（休館日）。")
HOURS_ORDER = _("閉館は開館より後の時刻にしてください。")
SLUG_TAKEN = _("このURL用の名前はすでに使われています。")
NO_ORGANIZATION = _("拠点をつくるには、団体の管理者である必要があります。")
CLOSURE_BACKWARDS = _("休館終了日は休館開始日と同じか後の日にしてください。")

# --- API -----------------------------------------------------------------------------------------
AVAILABILITY_RANGE = _("期間は終了日が開始日以降で、%(days)s日以内にしてください。")
DAY_REQUIRED = _("コワーキング席は date（日付）を指定してください。")
RANGE_REQUIRED = _("starts_at と ends_at（開始と終了の日時）を指定してください。")
