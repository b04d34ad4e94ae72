"""User-facing messages of the network app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Introductions ---------------------------------------------------------------------------
INTRO_SENT = _("紹介を依頼しました。相手が承諾すると、連絡先が互いに表示されます。")
INTRO_REASON_REQUIRED = _("紹介してほしい理由を書いてください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
INTRO_TARGET_INVALID = _("紹介先が見つかりません。人か団体のページから依頼してください。")
INTRO_TO_SELF = _("自分自身への紹介は依頼できません。")
INTRO_OPTED_OUT = _("この方は紹介の依頼を受け付けていません。")
INTRO_BLOCKED = _("この方には紹介を依頼できません。")
INTRO_ALREADY_OPEN = _("この相手への紹介の依頼はすでに返事待ちです。")
INTRO_DAILY_LIMIT = _("紹介の依頼は1日%(limit)s件までです。明日また依頼してください。")
INTRO_NOT_PENDING = _("この紹介はすでに「%(status)s」です。")
INTRO_ACCEPTED = _("紹介を承諾しました。")
INTRO_ACCEPTED_BOTH = _("紹介が成立しました。互いの連絡先が表示されます。")
INTRO_DECLINED = _("紹介を見送りました。")
INTRO_BROKER_SAME = _("同じ人どうしは紹介できません。")
INTRO_BROKER_SENT = _("紹介を仲介しました。双方が承諾すると成立します。")
NOT_NOW = _("今回は見送りとなりました。")
ORG_MEMBER_OF_TARGET = _("自分が管理する団体への紹介は依頼できません。")

# --- Blocks and settings ---------------------------------------------------------------------
BLOCKED = _("%(name)sさんをブロックしました。今後この方からの紹介の依頼は届きません。")
UNBLOCKED = _("ブロックを解除しました。")
BLOCK_SELF = _("自分自身はブロックできません。")
SETTINGS_SAVED = _("紹介とネットワークの設定を保存しました。")

# --- Advisors and advice requests ------------------------------------------------------------
ADVISOR_SAVED = _("アドバイザーを登録しました。")
ADVISOR_USER_UNKNOWN = _("このメールアドレスの利用者は見つかりません。")
ADVISOR_KINDS_REQUIRED = _("受ける依頼の種類を1つ以上選んでください。")
ADVISOR_LIMIT_RANGE = _("月の上限は%(min)s〜%(max)s件で入力してください。")
ADVISOR_NOT_AVAILABLE = _("このアドバイザーは現在この種類の依頼を受け付けていません。")
ADVISOR_FULL = _(
    "このアドバイザーは今月の上限（%(limit)s件）に達しています。"
    "別のアドバイザーを選ぶか、事務局にお任せください。"
)
ADVICE_SENT = _("相談を送りました。担当が決まるとお知らせします。")
ADVICE_SUBJECT_REQUIRED = _("件名を書いてください。")
ADVICE_BODY_REQUIRED = _("相談したいことを書いてください。")
ADVICE_KIND_INVALID = _("依頼の種類を選んでください。")
ADVICE_MOVE_NOT_ALLOWED = _("「%(status)s」の相談をこの状態には変えられません。")
ADVICE_MOVED = _("相談の状態を「%(status)s」にしました。")
ADVICE_ASSIGNED = _("担当アドバイザーを決めました。")
ADVICE_RECORD_REQUIRED = _("助言の内容を短く記録してください。")
ADVICE_RECORD_SAVED = _("助言の記録を保存しました。")
ADVICE_ON_BEHALF_INVALID = _("自分が管理していない団体・プロジェクトとしては相談できません。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ送信されていません。")

# --- Notifications ---------------------------------------------------------------------------
NOTIFY_INTRO_REQUEST = _("紹介の依頼が届きました。")
NOTIFY_INTRO_BROKERED = _("紹介の仲介が届きました。")
NOTIFY_INTRO_ACCEPTED = _("紹介が成立しました。連絡先を確認できます。")
NOTIFY_INTRO_NOT_NOW = _("紹介の依頼は今回は見送りとなりました。")
NOTIFY_ADVICE_NEW = _("相談が届きました：%(subject)s")
NOTIFY_ADVICE_STATUS = _("相談「%(subject)s」が「%(status)s」になりました。")

# --- Network figures -------------------------------------------------------------------------
PERIOD_INVALID = _("期間は「2021-04-01」の形で、開始日を終了日より前にしてください。")
