"""User-facing messages of the orgs app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

ORG_CREATED = _("団体を登録しました。")
ORG_SAVED = _("団体の情報を保存しました。")
ORG_VERIFIED = _("団体を認証しました。")
ORG_UNVERIFIED = _("団体の認証を取り消しました。")
ORG_ALREADY_VERIFIED = _("この団体は既に認証されています。")
ORG_NOT_VERIFIED = _("この団体はまだ認証されていません。")

ROLE_CHANGED = _("%(name)s さんの権限を「%(role)s」に変更しました。")
ROLE_UNCHANGED = _("権限は変わっていません。")
MEMBER_REMOVED = _("%(name)s さんを団体から外しました。")
MEMBER_LEFT = _("団体から退会しました。")
LAST_OWNER_PROTECTED = _(
    "団体には少なくとも1人のオーナーが必要です。先に別のメンバーをオーナーにしてください。"
)
MEMBERSHIP_GONE = _("このメンバーは既に団体にいません。")
ROLE_INVALID = _("権限の選び方が正しくありません。")
NOT_A_MEMBER = _("この団体のメンバーではありません。")

ALREADY_MEMBER = _("既にこの団体のメンバーです。")
JOIN_REQUESTED = _("参加を申請しました。団体の管理者の判断をお待ちください。")
JOIN_ALREADY_PENDING = _("この団体への参加申請は既に審査中です。")
JOIN_APPROVED = _("%(name)s さんの参加を承認しました。")
JOIN_REJECTED = _("%(name)s さんの参加申請を見送りました。")
JOIN_WITHDRAWN = _("参加申請を取り下げました。")
JOIN_ALREADY_DECIDED = _("この参加申請は既に処理されています。")
JOIN_NO_PENDING = _("審査中の参加申請はありません。")
JOIN_DECISION_INVALID = _("承認か見送りを選んでください。")

INVITATION_SENT = _("%(email)s に招待メールを送りました。")
INVITATION_REVOKED_DONE = _("招待を取り消しました。")
INVITATION_ACCEPTED = _("招待を承諾しました。「%(org)s」のメンバーになりました。")
INVITATION_EXISTING_MEMBER = _("このメールアドレスの方は既にこの団体のメンバーです。")
INVITATION_ALREADY_PENDING = _(
    "このメールアドレスには有効な招待を送信済みです。取り消してから送り直してください。"
)
INVITATION_WRONG_EMAIL = _(
    "この招待は別のメールアドレス宛てです。招待メールを受け取ったメールアドレスのアカウントで"
    "ログインしてください。"
)
INVITATION_EMAIL_UNVERIFIED = _("招待を承諾するには、先にメールアドレスの確認を済ませてください。")
INVITATION_EXPIRED = _("この招待は有効期限が切れています。団体の管理者に再送を依頼してください。")
INVITATION_REVOKED = _("この招待は取り消されました。")
INVITATION_ALREADY_ACCEPTED = _("この招待は既に承諾されています。")
INVITATION_NOT_PENDING = _("この招待は既に承諾または取り消しされています。")

WEBSITE_INVALID = _("ウェブサイトは http:// または https:// で始まる正しいURLを入力してください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（現在%(show_value)s文字）。")
TYPE_INVALID = _("種別を一覧から選んでください。")
PREFECTURE_INVALID = _("都道府県を一覧から選んでください。")
ONBOARDING_DONE = _(
    "団体の設定が完了しました。団体として課題に共感したり、プロジェクトに参加したりできます。"
)
ONBOARDING_CHOICE_UNKNOWN = _("一覧にない項目が選ばれています。選び直してください。")
