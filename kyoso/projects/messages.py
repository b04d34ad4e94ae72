"""User-facing messages of the projects app (core: the project, its stages and members), as
constants that tests assert against. The work's messages live with the work."""

from django.utils.translation import gettext_lazy as _

# --- Creating and editing --------------------------------------------------------------------
PROJECT_CREATED = _("プロジェクトを始めました。あなたがリーダーです。")
PROJECT_SAVED = _("プロジェクトの情報を更新しました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
TITLE_REQUIRED = _("プロジェクトの名前を入力してください。")
GOAL_REQUIRED = _("目標をひとことで入力してください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
CHOICE_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
LATITUDE_INVALID = _("緯度は-90から90までの数値で入力してください。")
LONGITUDE_INVALID = _("経度は-180から180までの数値で入力してください。")
POINT_INCOMPLETE = _("地点は緯度と経度の両方を入力してください（地点を使わないなら両方とも空に）。")
ISSUE_NUMBERS_INVALID = _(
    "課題の番号を半角数字で、カンマで区切って入力してください（例：12, 15）。"
)
ISSUE_NOT_FOUND = _("番号%(number)sの課題は見つかりませんでした。")
TOO_MANY_ISSUES = _("取り組む課題は%(limit)s件までです。")
ISSUE_MERGED = _("課題「%(title)s」はほかの課題に統合されています。統合先の課題を選んでください。")
ORGANIZATION_NOT_ALLOWED = _("運営団体には、あなたがオーナーか管理者である団体だけを選べます。")
MINUTES_NOT_AVAILABLE = _(
    "この議事録からはプロジェクトを始められません（公開されていないか、読めません）。"
)
PITCH_NOT_AVAILABLE = _(
    "このアイデアからはプロジェクトを始められません。発案者・チームのメンバー・主催者だけが始められます。"
)
PITCH_ALREADY_STARTED = _("このアイデアからはすでにプロジェクト「%(title)s」が始まっています。")
ISSUE_NOT_AVAILABLE = _(
    "この課題からはプロジェクトを始められません（統合済みか、表示できません）。"
)
STARTED_FROM_ISSUE = _("課題「%(title)s」から始まりました。")
STARTED_FROM_MINUTES = _("「%(title)s」の議事録から始まりました。")
STARTED_FROM_PITCH = _("アイデア「%(title)s」のチームから始まりました。")
STARTED = _("プロジェクトが始まりました。")

# --- Stages ----------------------------------------------------------------------------------
STAGE_CHANGED = _("段階を「%(stage)s」に変更しました。")
STAGE_UNCHANGED = _("いまと同じ段階です。別の段階を選んでください。")
STAGE_REASON_REQUIRED_BACKWARDS = _(
    "前の段階に戻すときは、理由を入力してください（タイムラインに残り、フォローしている人に届きます）。"
)
OUTCOME_REQUIRED = _("終了にするときは、終わり方（継続・行政に引き継ぎ・中止）を選んでください。")
OUTCOME_ONLY_WHEN_ENDED = _("終わり方は「終了」にするときだけ選べます。")
STAGE_CHANGED_ELSEWHERE = _(
    "ほかの人が先に段階を変更しました。ページを再読み込みして、いまの段階を確かめてください。"
)

# --- Members ---------------------------------------------------------------------------------
INVITED = _("%(name)sさんを招待しました。")
INVITEE_NOT_FOUND = _(
    "%(email)s で登録している人は見つかりませんでした。"
    "Kyosoに登録してもらってから招待してください。"
)
INVITEE_REQUIRED = _("招待する人のメールアドレスを入力してください。")
ALREADY_MEMBER = _("すでにこのプロジェクトのメンバーです。")
ALREADY_INVITED = _("この人はすでに招待されています。返事をお待ちください。")
ALREADY_REQUESTED = _("すでに参加を申請しています。リーダーの承認をお待ちください。")
INVITEE_HAS_REQUESTED = _(
    "この人はすでに参加を申請しています。メンバーのページで申請を承認してください。"
)
INVITE_LEAD_ROLE = _(
    "招待するときはリーダー以外の役割を選んでください。参加してからリーダーにできます。"
)
INVITATION_ACCEPTED = _("招待を受けて、プロジェクトに参加しました。")
INVITATION_DECLINED = _("招待をお断りしました。")
NO_INVITATION = _(
    "このプロジェクトへの招待はありません（取り消されたか、すでに返事をしています）。"
)
JOIN_REQUESTED = _("参加を申請しました。リーダーが承認すると参加できます。")
REQUEST_APPROVED = _("参加を承認しました。")
REQUEST_DECLINED = _("参加の申請をお断りしました。")
REQUEST_ALREADY_DECIDED = _("この申請はすでに処理されているか、取り下げられています。")
LEFT = _("プロジェクトを抜けました。")
WITHDRAWN = _("参加の申請を取り下げました。")
NOT_A_MEMBER = _("このプロジェクトのメンバーではありません。")
LAST_LEAD_CANNOT_LEAVE = _(
    "あなたはこのプロジェクトの唯一のリーダーのため、抜けられません。先にほかのメンバーをリーダーにしてください。"
)
LAST_LEAD_CANNOT_BE_REMOVED = _(
    "この人はこのプロジェクトの唯一のリーダーのため、外せません。先にほかのメンバーをリーダーにしてください。"
)
LAST_LEAD_CANNOT_STEP_DOWN = _(
    "リーダーが1人もいなくなるため、役割を変えられません。先にほかのメンバーをリーダーにしてください。"
)
CANNOT_REMOVE_SELF = _(
    "自分を外すことはできません。抜けるときは「プロジェクトを抜ける」を使ってください。"
)
MEMBER_REMOVED = _("%(name)sさんをプロジェクトから外しました。")
MEMBER_ALREADY_GONE = _("この人はすでにメンバーではありません。")
ROLE_CHANGED = _("%(name)sさんの役割を「%(role)s」にしました。")
ROLE_NEEDS_ACTIVE_MEMBER = _("役割を変えられるのは、参加中のメンバーだけです。")
ACCOUNT_DELETION_BLOCKED = _(
    "次のプロジェクトの唯一のリーダーのため退会できません。"
    "先にほかのメンバーをリーダーにしてください：%(projects)s"
)

# --- Following -------------------------------------------------------------------------------
FOLLOWED = _("プロジェクトをフォローしました。動きがあるとお知らせが届きます。")
UNFOLLOWED = _("フォローをやめました。")

# --- The list --------------------------------------------------------------------------------
FILTER_INVALID = _("絞り込みの条件に使えない値があったため、その条件は外しました。")
CURSOR_INVALID = _("ページの指定が正しくなかったため、最初のページを表示しています。")
