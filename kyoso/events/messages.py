"""User-facing messages of the events app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Events: creating, editing, publishing ---------------------------------------------------
EVENT_CREATED = _("イベントを作成しました。")
EVENT_CREATED_DRAFT = _(
    "イベントを下書きとして保存しました。公開するまでほかの人には表示されません。"
)
EVENT_SAVED = _("イベントを更新しました。")
EVENT_PUBLISHED = _("イベントを公開しました。")
EVENT_CANCELLED_DONE = _("イベントを中止にしました。申込者にお知らせしました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
ENDS_BEFORE_START = _("終了日時は開始日時より後にしてください。")
CLOSES_BEFORE_OPENS = _("申込締切は申込開始より後にしてください。")
DATE_REQUIRED = _("開始日と終了日を入力してください。")
TIME_REQUIRED = _("終日でないイベントは開始時刻と終了時刻を入力してください。")
VENUE_REQUIRED = _("会場で開くイベントは会場名を入力してください。")
ONLINE_URL_REQUIRED = _("オンラインで開くイベントは参加用のURLを入力してください。")
ORGANIZER_NOT_ALLOWED = _(
    "その団体・コミュニティの名前では主催できません。"
    "オーナー・管理者である団体か、リーダーであるコミュニティを選んでください。"
)
ONE_ORGANIZER_ONLY = _("主催団体と主催コミュニティはどちらか一つだけ選んでください。")
POINT_INCOMPLETE = _(
    "地図の場所は緯度と経度を両方指定してください（または両方とも空にしてください）。"
)
ISSUE_NOT_FOUND = _("関連する課題「%(value)s」が見つかりません。課題の番号を入力してください。")
GUEST_NAME_REQUIRED = _(
    "ゲストの氏名を入力してください（ゲストを載せない場合は行を空にしてください）。"
)
ALREADY_PUBLISHED = _("このイベントはすでに公開されています。")
EVENT_IS_CANCELLED = _("このイベントは中止になりました。")
MODE_HAS_REGISTRATIONS = _(
    "%(attendance)sの申込者がいるため、開催方法を変更できません。先に申込者と調整してください。"
)

# --- Capacity --------------------------------------------------------------------------------
#: The choice of the issue: a capacity below the confirmed count is refused (nobody who was
#: told "確定" loses the seat by an edit); the organizer cancels registrations first if needed.
CAPACITY_BELOW_CONFIRMED = _(
    "%(attendance)sの定員を%(capacity)s人にはできません。すでに%(confirmed)s人の参加が"
    "確定しています。確定済みの人数以上にするか、先に申込をキャンセルしてください。"
)
CAPACITY_SAVED = _("定員を変更しました。")
CAPACITY_SAVED_PROMOTED = _("定員を変更しました。キャンセル待ちの%(count)s人を参加確定にしました。")
REGISTRATION_CLOSED_DONE = _("申込の受付を停止しました。")
REGISTRATION_REOPENED_DONE = _("申込の受付を再開しました。")

# --- Registration ----------------------------------------------------------------------------
REGISTERED_CONFIRMED = _("参加が確定しました。確認のメールをお送りしました。")
REGISTERED_WAITLISTED = _(
    "定員に達しているため、キャンセル待ち（%(position)s番目）として受け付けました。"
    "空きが出ると自動で参加確定になり、メールでお知らせします。"
)
ALREADY_REGISTERED = _("このイベントにはすでに申し込んでいます（状態：%(status)s）。")
REGISTRATION_CANCELLED_DONE = _("申込をキャンセルしました。")
REGISTRATION_CANCELLED_BY_ORGANIZER = _("申込をキャンセルしました（主催者による取り消し）。")
NOT_REGISTERED = _("このイベントへの申込はありません。")
ALREADY_CANCELLED = _("この申込はすでにキャンセルされています。")
NOT_YOUR_REGISTRATION = _("ほかの人の申込はキャンセルできません。")
CANNOT_CANCEL_AFTER_START = _("イベントが始まった後は申込をキャンセルできません。")
ANSWER_REQUIRED = _("「%(question)s」への回答を入力してください。")
ATTENDANCE_REQUIRED = _("参加方法（会場・オンライン）を選んでください。")
ATTENDANCE_NOT_OFFERED = _("このイベントでは選べない参加方法です。")

# Why registration is not possible (shown instead of the button, and as the error).
REG_EVENT_DRAFT = _("このイベントはまだ公開されていないため、申し込めません。")
REG_EVENT_CANCELLED = _("このイベントは中止になったため、申し込めません。")
REG_CLOSED_BY_ORGANIZER = _("主催者が申込の受付を停止しています。")
REG_NOT_OPEN_YET = _("申込の受付は%(when)sからです。")
REG_AFTER_CLOSE = _("申込の受付は締め切りました。")
REG_EVENT_STARTED = _("このイベントはすでに始まっているか終了しているため、申し込めません。")
VERIFY_EMAIL_FIRST = _("申し込むには、メールアドレスの確認を済ませてください。")

# --- Lists -----------------------------------------------------------------------------------
FILTER_INVALID = _("条件の一部が正しくなかったため、その条件を外して表示しています。")
PAGE_INVALID = _("ページの指定が正しくなかったため、最初のページを表示しています。")

# --- Minutes (議事録), follow-up after an event, idea events ---------------------------------
# (this section belongs to the minutes / follow-up / ideas area)
MINUTES_SAVED = _("議事録を保存しました。まだ公開されていません。")
MINUTES_SAVED_PUBLISHED = _("議事録を更新しました。公開中の内容も変わりました。")
MINUTES_REQUIRED = _("議事録の本文を入力してください。")
MINUTES_TOO_LONG = _(
    "議事録は%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。"
    "入力した内容は下に残っています。"
)
MINUTES_VISIBILITY_INVALID = _("公開範囲は「会員のみ」か「一般公開」から選んでください。")
MINUTES_MISSING = _("議事録がまだありません。先に本文を書いて保存してください。")
MINUTES_PUBLISHED = _("議事録を公開しました。")
MINUTES_PUBLISHED_WITH_FOLLOWUP = _(
    "議事録を公開しました。参加者%(count)s人に、この会で見えてきた課題をお知らせしました。"
)
MINUTES_UNPUBLISHED = _("議事録を非公開（下書き）に戻しました。")
MINUTES_ISSUE_LINKED = _("課題「%(title)s」をこの会で見えてきた課題に加えました。")
MINUTES_ISSUE_ALREADY_LINKED = _("課題「%(title)s」はすでにこの会の課題に入っています。")
MINUTES_ISSUE_UNLINKED = _("課題「%(title)s」をこの会の課題から外しました。")
MINUTES_ISSUE_NOT_FOUND = _("その課題は見つかりませんでした。課題の番号を確かめてください。")
MINUTES_ISSUE_NOT_LINKABLE = _("その課題は非公開か統合済みのため、加えられません。")
MINUTES_ISSUE_CREATED = _("課題「%(title)s」を投稿し、この会で見えてきた課題に加えました。")
MINUTES_ISSUE_FORM_ERRORS = _("入力内容を確認してください。課題はまだ投稿されていません。")

PITCH_POSTED = _("アイデアを投稿しました。あなたのチームができました。")
PITCH_TITLE_REQUIRED = _("アイデアをひとことで入力してください。")
PITCH_TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
NOT_AN_IDEA_EVENT = _("このイベントはアイデアイベントではありません。")
PITCH_OUTSIDE_ROUND = _("アイデアを投稿できるのは「ピッチ」のラウンドの間だけです。")
TEAM_OUTSIDE_ROUND = _(
    "チームに参加したり抜けたりできるのは「チームづくり」のラウンドの間だけです。"
)
IDEAS_CLOSED = _("このアイデアイベントは終了しました。チームとアイデアはそのまま残ります。")
IDEAS_NOT_STARTED = _(
    "アイデアイベントはまだ始まっていません。主催者がラウンドを始めるまでお待ちください。"
)
NOT_A_PARTICIPANT = _(
    "アイデアの投稿やチームへの参加は、このイベントへの参加が確定している人だけができます。"
)
ALREADY_IN_A_TEAM = _(
    "あなたはすでにこのイベントのチーム「%(title)s」に入っています。"
    "ひとりが入れるチームは1つだけです。先にそのチームを抜けてください。"
)
ALREADY_IN_THIS_TEAM = _("あなたはすでにこのチームに入っています。")
OWN_TEAM = _("自分のアイデアのチームには、はじめから入っています。")
AUTHOR_CANNOT_LEAVE = _("アイデアを出した人は、自分のチームを抜けられません。")
NOT_IN_TEAM = _("このチームには入っていません。")
TEAM_JOINED = _("チーム「%(title)s」に参加しました。")
TEAM_LEFT = _("チーム「%(title)s」を抜けました。")
ROUND_CHANGED = _("ラウンドを「%(round)s」にしました。")
ROUND_UNCHANGED = _("いまと同じラウンドです。")
ROUND_INVALID = _("ラウンドは表示されている選択肢から選んでください。")
ROUND_AFTER_CLOSED = _("終了したアイデアイベントのラウンドは戻せません。")
IDEAS_VERIFY_EMAIL_FIRST = _(
    "アイデアの投稿やチームへの参加には、メールアドレスの確認を済ませてください。"
)

# --- Events of a project and invitations (services/invitations.py) ---------------------------
PROJECT_NOT_ALLOWED = _(
    "そのプロジェクトの催しにはできません。リーダーを務めているプロジェクトを選んでください。"
)
INVITED_BY_ORGANIZER = _("「%(title)s」に招待されています。")
INVITED_AS_FOLLOWER = _(
    "フォローしているプロジェクト「%(project)s」の催し「%(title)s」に招待されています。"
)
INVITED_AS_SUPPORTER = _(
    "支援したプロジェクト「%(project)s」の催し「%(title)s」に招待されています。"
)
