"""User-facing messages of payments (Japanese constants; the tests assert against them)."""

from django.utils.translation import gettext_lazy as _

AMOUNT_NOT_INTEGER = _("金額は円単位の整数で指定してください。")
AMOUNT_NOT_POSITIVE = _("金額は1円以上で指定してください。")
AMOUNT_ABSURD = _("金額が大きすぎます（1兆円まで）。")
METHOD_INVALID = _("支払い方法は銀行振込かクレジットカードを選んでください。")
CAPTURE_MODE_INVALID = _("確定の方法は automatic か manual を指定してください。")
MANUAL_NEEDS_CARD = _("目標達成時の確定（manual）はクレジットカードの支払いだけで使えます。")
PURPOSE_UNKNOWN = _("支払いの目的「%(purpose)s」は登録されていません。")
PURPOSE_ID_INVALID = _("支払いの対象の番号が正しくありません。")
PAYER_NAME_REQUIRED = _("お名前を入力してください。")
PAYER_NAME_TOO_LONG = _("お名前は100文字以内で入力してください。")
PAYER_KANA_INVALID = _("フリガナはカタカナで100文字以内で入力してください。")
IDEMPOTENCY_KEY_INVALID = _("二重送信を防ぐためのキーが正しくありません。")
IDEMPOTENCY_CONFLICT = _("同じキーで別の内容の支払いが既にあります。")
REASON_REQUIRED = _("理由を入力してください。")
REASON_TOO_LONG = _("理由は500文字以内で入力してください。")
PAYMENT_NOT_FOUND = _("支払いが見つかりません。")
NOT_CAPTURABLE = _("この支払いは確定できない状態です（%(status)s）。")
NOT_CANCELLABLE = _("この支払いは取り消せない状態です（%(status)s）。")
MANUAL_CAPTURE_CARD_ONLY = _("手動で確定できるのは与信済みのカード支払いだけです。")
NOT_REFUNDABLE = _("この支払いは返金できない状態です（%(status)s）。")
REFUND_TOO_LARGE = _("返金額が返金可能な残額（%(remaining)s）を超えています。")
REFUND_NOT_OWED = _("この返金は振込待ちではありません。")
PROVIDER_ERROR = _("カード会社との通信に失敗しました。時間をおいてもう一度お試しください。")
CARD_NOT_CONFIGURED = _("カード決済は設定されていません。")

# Statements
STATEMENT_EMPTY = _("ファイルが空です。")
STATEMENT_TOO_LARGE = _("ファイルが大きすぎます（%(limit)s まで）。")
STATEMENT_FORMAT_UNKNOWN = _(
    "ファイルの形式を判別できません。CSV（UTF-8 または Shift_JIS）か全銀形式の入出金取引明細を"
    "選んでください。"
)
STATEMENT_ENCODING = _(
    "文字コードを読めません（%(line)s 行目）。UTF-8 か Shift_JIS で保存してください。"
)
STATEMENT_ZENGIN_LENGTH = _(
    "全銀形式のファイルの長さが120バイトの倍数ではありません（%(length)s バイト）。"
)
STATEMENT_ZENGIN_RECORD = _(
    "全銀形式の %(line)s 件目のレコード区分「%(kind)s」が正しくありません。"
)
STATEMENT_ZENGIN_ORDER = _("全銀形式のレコードの順序が正しくありません（%(line)s 件目）。")
STATEMENT_ZENGIN_FIELD = _("全銀形式の %(line)s 件目の「%(field)s」が正しくありません。")
STATEMENT_ZENGIN_TRAILER = _(
    "全銀形式のトレーラの件数・金額が明細と一致しません（%(field)s）。ファイルが途中で切れていないか"
    "確認してください。"
)
STATEMENT_CSV_HEADER = _("CSV の見出し行に「%(columns)s」の列が必要です。")
STATEMENT_CSV_FIELD = _("CSV の %(line)s 行目の「%(field)s」が正しくありません。")
STATEMENT_DUPLICATE_LINE = _("%(line)s 行目は %(first)s 行目と同じ取引です（重複した明細）。")
STATEMENT_NO_LINES = _("入金の明細が1件もありません。")
STATEMENT_ALREADY_IMPORTED = _("このファイルは %(date)s に取り込み済みです。")
LINE_NOT_OPEN = _("この明細行は既に処理されています。")
LINE_PAYMENT_NOT_PENDING = _("割り当て先の支払いは入金待ちの銀行振込ではありません。")

# Webhooks
WEBHOOK_BAD_SIGNATURE = "invalid signature"
WEBHOOK_BAD_PAYLOAD = "invalid payload"

# Staff pages
REFUNDED = _("返金を記録しました。")
CANCELLED = _("支払いを取り消しました。")
CAPTURED = _("入金を確定しました。")
LINE_ASSIGNED = _("明細行を支払いに割り当てました。")
LINE_REFUNDED = _(
    "明細行を返金扱いにしました。振込で返金したら「返金済みにする」を押してください。"
)
LINE_IGNORED = _("明細行を対象外にしました。")
REFUND_MARKED_PAID = _("返金を振込済みにしました。")
ASSIGN_REFERENCE_REQUIRED = _("割り当てる支払いの参照番号を入力してください。")
REFERENCE_UNKNOWN = _("その参照番号の支払いはありません。")
