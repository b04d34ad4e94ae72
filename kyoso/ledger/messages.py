"""User-facing messages of the ledger, as constants that tests assert against. The apps that
post (the fund, campaigns, payments) show them or translate them into their own words."""

from django.utils.translation import gettext_lazy as _

# --- Accounts --------------------------------------------------------------------------------
ACCOUNT_KEY_INVALID = _(
    "勘定のキーは半角の英小文字・数字と「: . _ -」で、100文字以内にしてください"
    "（例：fund:12:available）。"
)
ACCOUNT_NAME_REQUIRED = _("勘定の名前を入力してください。")
ACCOUNT_KIND_INVALID = _("勘定の種類は資産・負債・収益・費用・純資産のどれかです。")
ACCOUNT_OWNER_INVALID = _(
    "勘定の持ち主は、アプリ名（40文字以内）と0以上の整数のIDで指定してください。"
)
ACCOUNT_CONFLICT = _(
    "勘定「%(key)s」はすでに別の種類か設定で開設されています。種類と残高の制約は変えられません。"
)

# --- Transactions ----------------------------------------------------------------------------
ENTRIES_REQUIRED = _("仕訳がありません。少なくとも2つの勘定への記帳が必要です。")
ENTRY_INVALID = _("仕訳は（勘定のキー, 金額）の組で指定してください。")
AMOUNT_NOT_INTEGER = _("金額は円単位の整数で指定してください（小数や文字は使えません）。")
AMOUNT_ZERO = _("0円の仕訳は記帳できません。")
AMOUNT_ABSURD = _("金額が大きすぎます。1件の仕訳は1兆円までです。")
DUPLICATE_ACCOUNT = _("同じ勘定「%(key)s」が1つの取引に2回あります。1行にまとめてください。")
UNKNOWN_ACCOUNT = _("勘定「%(key)s」は開設されていません。")
NOT_BALANCED = _(
    "借方と貸方が一致しません（差額%(difference)s円）。取引の合計は0円になる必要があります。"
)
INSUFFICIENT_BALANCE = _(
    "勘定「%(key)s」の残高が足りません。残高がマイナスになる取引は記帳できません。"
)
KIND_INVALID = _(
    "取引の種類は半角の英小文字・数字・「_」を「.」で区切って、60文字以内にしてください。"
)
MEMO_TOO_LONG = _("摘要は500文字以内にしてください。")
IDEMPOTENCY_KEY_INVALID = _("冪等キーは1文字以上100文字以内にしてください。")
IDEMPOTENCY_CONFLICT = _(
    "この冪等キーはすでに別の内容の取引に使われています。同じ取引の再送なら内容をそろえてください。"
)
OCCURRED_AT_INVALID = _("取引日時はタイムゾーン付きの日時で指定してください。")

# --- Reversals -------------------------------------------------------------------------------
REVERSAL_MEMO_REQUIRED = _("取り消しの理由を摘要に入力してください。")
ALREADY_REVERSED = _("この取引はすでに取り消されています。取り消しは1回だけです。")
