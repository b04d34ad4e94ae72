"""User-facing messages of the communities app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Creating and editing --------------------------------------------------------------------
COMMUNITY_CREATED = _("コミュニティをつくりました。あなたがリーダーです。")
COMMUNITY_SAVED = _("コミュニティの情報を更新しました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
NAME_REQUIRED = _("コミュニティ名を入力してください。")
THEME_REQUIRED = _("テーマを選んでください。")
CHOICE_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
SLUG_REQUIRED = _("URL用の名前を入力してください（半角英小文字・数字・ハイフン）。")
SLUG_INVALID = _(
    "URL用の名前は半角の英小文字・数字・ハイフンで、3〜60文字にしてください（例：shonai-agri）。"
)
SLUG_RESERVED = _("「%(slug)s」はURL用の名前には使えません。別の名前にしてください。")
SLUG_TAKEN = _("URL用の名前「%(slug)s」はすでに使われています。別の名前にしてください。")
ISSUE_NUMBER_INVALID = _("課題の番号を半角数字で入力してください（例：12）。")
ISSUE_NOT_FOUND = _("番号%(number)sの課題は見つかりませんでした。")
ISSUE_LINKED = _("課題をコミュニティに結びつけました。")
ISSUE_UNLINKED = _("課題との結びつきを外しました。")

# --- Membership ------------------------------------------------------------------------------
JOINED = _("コミュニティに参加しました。")
JOIN_REQUESTED = _("参加を申請しました。リーダーが承認すると参加できます。")
ALREADY_MEMBER = _("すでにこのコミュニティのメンバーです。")
ALREADY_REQUESTED = _("すでに参加を申請しています。リーダーの承認をお待ちください。")
LEFT = _("コミュニティを抜けました。")
REQUEST_WITHDRAWN = _("参加の申請を取り下げました。")
NOT_A_MEMBER = _("このコミュニティのメンバーではありません。")
LAST_LEADER_CANNOT_LEAVE = _(
    "あなたはこのコミュニティの唯一のリーダーのため、抜けられません。"
    "先にほかのメンバーをリーダーにしてください。"
)
LAST_LEADER_CANNOT_STEP_DOWN = _(
    "リーダーが1人もいなくなるため、このリーダーを外せません。先にほかのメンバーをリーダーにしてください。"
)
MEMBERSHIP_APPROVED = _("参加を承認しました。")
MEMBERSHIP_DECLINED = _("参加の申請をお断りしました。")
REQUEST_ALREADY_DECIDED = _("この申請はすでに処理されているか、取り下げられています。")
LEADER_APPOINTED = _("リーダーにしました。")
LEADER_REMOVED = _("リーダーから外しました（メンバーとして残ります）。")
LEADER_NEEDS_ACTIVE_MEMBER = _("リーダーにできるのは、参加中のメンバーだけです。")
ALREADY_LEADER = _("すでにリーダーです。")
NOT_LEADER = _("この人はリーダーではありません。")
MEMBER_REMOVED = _("%(name)sさんをコミュニティから外しました。")
CANNOT_REMOVE_SELF = _(
    "自分を外すことはできません。抜けるときは、コミュニティのページの"
    "「このコミュニティを抜ける」を使ってください。"
)
LAST_LEADER_CANNOT_BE_REMOVED = _(
    "この人はこのコミュニティの唯一のリーダーのため、外せません。"
    "先にほかのメンバーをリーダーにしてください。"
)
MEMBER_ALREADY_GONE = _(
    "この人はすでにメンバーではありません（自分で抜けたか、ほかのリーダーが外しました）。"
)
REMOVAL_OF_A_REQUEST = _(
    "承認待ちの申請は外せません。メンバーのページの「お断りする」で処理してください。"
)
SUBSCRIBED = _("リーダーからのメールを受け取る設定にしました。")
UNSUBSCRIBED = _("リーダーからのメールを受け取らない設定にしました。")
ACCOUNT_DELETION_BLOCKED = _(
    "次のコミュニティの唯一のリーダーのため退会できません。"
    "先にほかのメンバーをリーダーにしてください：%(communities)s"
)

# --- Board -----------------------------------------------------------------------------------
POST_CREATED = _("掲示板に投稿しました。")
POST_DELETED = _("投稿を削除しました。")
POST_PINNED = _("投稿をピン留めしました。")
POST_UNPINNED = _("ピン留めを外しました。")
POST_ALREADY_DELETED = _("この投稿はすでに削除されています。")
POST_TITLE_REQUIRED = _("タイトルを入力してください。")
POST_BODY_REQUIRED = _("本文を入力してください。")
POST_TOMBSTONE = _("この投稿は削除されました。")
COMMENT_POSTED = _("コメントしました。")
COMMENT_DELETED = _("コメントを削除しました。")
COMMENT_REQUIRED = _("コメントを入力してください。")
COMMENT_ALREADY_DELETED = _("このコメントはすでに削除されています。")
COMMENT_TOMBSTONE = _("このコメントは削除されました。")
POST_CLOSED_FOR_COMMENTS = _("削除された投稿にはコメントできません。")

# --- Messages to members ---------------------------------------------------------------------
MESSAGE_SENT = _("%(count)s人のメンバーにメールを送りました。")
MESSAGE_NO_RECIPIENTS = _(
    "メールを受け取るメンバーがいないため、送りませんでした（参加中で配信を止めていない人がいません）。"
)
MESSAGE_SUBJECT_REQUIRED = _("件名を入力してください。")
MESSAGE_BODY_REQUIRED = _("本文を入力してください。")
MESSAGE_DAILY_LIMIT = _(
    "このコミュニティから送れるメールは24時間に%(limit)s通までです。"
    "%(when)sごろから、また送れます。"
)
MESSAGE_TOO_SOON = _("メールは%(minutes)s分に1通までです。%(when)sごろから、また送れます。")

# --- Unsubscribe -----------------------------------------------------------------------------
UNSUBSCRIBE_LINK_INVALID = _(
    "配信停止のリンクが正しくありません（途中で切れているか、書き換えられています）。"
    "メールのリンクをそのまま開くか、ログインしてコミュニティのページから設定してください。"
)
UNSUBSCRIBE_MEMBERSHIP_GONE = _(
    "このコミュニティのメンバーではなくなっているため、メールはもう届きません。"
)
UNSUBSCRIBE_DONE = _("「%(name)s」のリーダーからのメールを停止しました。")
