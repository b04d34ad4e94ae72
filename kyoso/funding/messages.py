"""User-facing messages of the fund (Japanese msgids; the English catalog is the lead's)."""

from django.utils.translation import gettext_lazy as _

NAME_REQUIRED = _("基金の名前を入力してください。")
PURPOSE_REQUIRED = _("基金の目的を入力してください。")
TOO_LONG = _("%(max)s文字以内で入力してください。")
NOT_A_MANAGER = _("この基金を運営する団体の管理者だけができる操作です。")
MANAGER_ALREADY = _("この人はすでに基金の担当者です。")

AMOUNT_NOT_INTEGER = _("金額は1円単位の整数で入力してください。")
AMOUNT_NOT_POSITIVE = _("金額は1円以上で入力してください。")
AMOUNT_ABSURD = _("金額が大きすぎます（100億円まで）。入力に誤りがないか確かめてください。")
METHOD_INVALID = _("支払い方法は銀行振込かカードを選んでください。")
RECEIPT_NAME_REQUIRED = _("領収書の宛名（お名前）を入力してください。")
THEME_UNKNOWN = _("この基金にはそのテーマがありません。")
PROJECT_REQUIRED = _("指定するプロジェクトを選んでください。")
NOT_IN_ORGANIZATION = _("その団体の管理者として寄附することはできません。")
PAYMENTS_UNAVAILABLE = _("いまは寄附の受付ができません。時間をおいてお試しください。")
DONATION_NOT_CAPTURED = _("入金が確認された寄附だけに受領証明書を発行できます。")

ROUND_TITLE_REQUIRED = _("公募の名前を入力してください。")
ROUND_DESCRIPTION_REQUIRED = _("募集要項を入力してください。")
DEADLINE_PAST = _("締切は未来の日時にしてください。")
QUESTIONS_TOO_MANY = _("応募資格の質問は%(max)s個までです。")
CRITERIA_REQUIRED = _("審査の基準を1つ以上、重みとともに公開してください。")

ROUND_CLOSED = _("この公募の締切を過ぎています。")
NOT_PROJECT_LEAD = _("そのプロジェクトのリーダーだけが応募できます。")
ALREADY_APPLIED = _("このプロジェクトはこの公募にすでに応募しています。")
NOT_ELIGIBLE = _("応募資格の質問すべてに「はい」と答えられる場合だけ応募できます。")
PLAN_REQUIRED = _("計画を入力してください。")
BUDGET_REQUIRED = _("予算の内訳を1行以上入力してください。")
BUDGET_LINE_INVALID = _("予算の各行に費目と1円以上の金額を入力してください（%(line)s行目）。")
BUDGET_TOO_MANY = _("予算の内訳は%(max)s行までです。")
ABOVE_ROUND_MAX = _("申請額 %(amount)s が、この公募の上限 %(max)s を超えています。")

NOT_SELECTED_YET = _("採択された応募だけに助成を決定できます。")
ALREADY_GRANTED = _("この応募にはすでに助成が決定しています。")
GRANT_ABOVE_REQUEST = _("助成額 %(amount)s が申請額 %(requested)s を超えています。")
GRANT_ABOVE_AVAILABLE = _(
    "助成額 %(amount)s が、この基金でいま使える額 %(available)s を超えています"
    "（これまでの助成決定の分を除いた額です）。"
)
TRANCHES_INVALID = _("分割払いの各回は1円以上で、合計が助成額と同じになるようにしてください。")
TRANCHES_TOO_MANY = _("分割払いは%(max)s回までです。")
TERMS_REQUIRED = _("助成の条件を入力してください。")

TRANCHE_ALREADY_PAID = _("この回はすでに支払い済みです。")
TRANCHE_OUT_OF_ORDER = _("前の回をまだ支払っていません。")
REPORT_MISSING = _(
    "第%(number)s回の支払いの前に、第%(previous)s回分の報告（進捗と費目ごとの支出）が必要です。"
)
REPORT_NOT_DUE = _("まだ支払われていない回の報告はできません。")
REPORT_ALREADY = _("この回の報告はすでに提出されています。")
PROGRESS_REQUIRED = _("進捗を入力してください。")
SPENDING_INVALID = _("支出は予算の費目ごとに0円以上の整数で入力してください（%(label)s）。")
