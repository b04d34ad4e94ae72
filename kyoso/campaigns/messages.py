"""User-facing messages of the campaigns app (Japanese msgids; tests assert against them)."""

from django.utils.translation import gettext_lazy as _

# Campaigns
TITLE_REQUIRED = _("タイトルを入力してください。")
TITLE_TOO_LONG = _("タイトルは%(max)d文字以内で入力してください。")
TEXT_TOO_LONG = _("説明は%(max)d文字以内で入力してください。")
GOAL_INVALID = _("目標金額は%(min)s円以上%(max)s円以下の整数で入力してください。")
MODE_INVALID = _("方式は「目標達成時のみ実行」か「実行確約」を選んでください。")
DEADLINE_REQUIRED = _("締切日時を入力してください。")
DEADLINE_PAST = _("締切日時は開始より後の、未来の日時にしてください。")
PERIOD_TOO_LONG = _("募集期間は%(days)d日以内にしてください。")
LOCKED = _("募集を開始したキャンペーンの目標金額・方式・締切は変更できません。")
NOT_DRAFT = _("下書きのキャンペーンだけが公開できます。")
NO_TIERS_ALLOWED = _("終了したキャンペーンにはリターンを追加できません。")
TOO_MANY_TIERS = _("リターンは%(max)d個までです。")
TIER_TITLE_REQUIRED = _("リターン名を入力してください。")
TIER_AMOUNT_INVALID = _("リターンの支援額は%(min)s円以上%(max)s円以下の整数で入力してください。")
TIER_QUANTITY_INVALID = _("数量は1以上%(max)s以下の整数で入力してください（無制限なら空欄）。")
NOT_OPEN_TO_STOP = _("募集中のキャンペーンだけを中止できます。")
REASON_REQUIRED = _("中止の理由を入力してください。")
CAMPAIGN_CREATED = _("キャンペーンの下書きを作りました。リターンを追加して公開してください。")
CAMPAIGN_SAVED = _("キャンペーンを保存しました。")
CAMPAIGN_OPENED = _("キャンペーンの募集を始めました。")
CAMPAIGN_STOPPED = _("キャンペーンを中止しました。支援は取り消し・返金されます。")
TIER_ADDED = _("リターンを追加しました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。")

# Pledges
AMOUNT_REQUIRED = _("支援額を入力してください。")
AMOUNT_NOT_INTEGER = _("支援額は1円単位の整数で入力してください。")
AMOUNT_NOT_POSITIVE = _("支援額は0円より大きくしてください。")
AMOUNT_TOO_SMALL = _("支援額は%(min)s円以上にしてください。")
AMOUNT_ABSURD = _("1回の支援額は%(max)s円までです。")
AMOUNT_BELOW_TIER = _("このリターンの支援額は%(min)s円以上です。")
NOT_OPEN = _("このキャンペーンは支援を受け付けていません。")
AFTER_DEADLINE = _("締切を過ぎたため、支援を受け付けられません。")
SOLD_OUT = _("このリターンは残りがありません（完売しました）。")
TIER_UNKNOWN = _("このキャンペーンのリターンではありません。")
METHOD_INVALID = _("支払い方法は銀行振込かクレジットカードを選んでください。")
PAYER_NAME_REQUIRED = _("お支払いになる方のお名前を入力してください。")
PAYMENT_FAILED = _("支払いを開始できませんでした：%(reason)s")
PLEDGED = _("ご支援ありがとうございます。お支払いの案内を確認してください。")
CANNOT_CANCEL = _("この支援はもう取り消せません。")
PLEDGE_CANCELLED = _("支援を取り消しました。")

# Notifications
NOTIFY_SUCCEEDED = _(
    "支援したキャンペーン「%(title)s」が成立しました。ご支援ありがとうございました。"
)
NOTIFY_FAILED = _(
    "支援したキャンペーン「%(title)s」は目標に届かず不成立となりました。支援は全額取り消し・返金されます。"
)
NOTIFY_STOPPED = _(
    "支援したキャンペーン「%(title)s」は中止されました。支援は全額取り消し・返金されます。"
)
CARD_NOT_OFFERED = _(
    "このサイトではカード決済が設定されていないため、銀行振込だけをご利用いただけます。"
)
