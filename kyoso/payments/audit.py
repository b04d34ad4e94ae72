"""The payments' audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

PAYMENT_STARTED = "payments.payment_started"
PAYMENT_AUTHORIZED = "payments.payment_authorized"
PAYMENT_CAPTURED = "payments.payment_captured"
PAYMENT_CANCELLED = "payments.payment_cancelled"
PAYMENT_REFUNDED = "payments.payment_refunded"
REFUND_PAID = "payments.refund_paid"
STATEMENT_IMPORTED = "payments.statement_imported"
LINE_ASSIGNED = "payments.line_assigned"
LINE_REFUNDED = "payments.line_refunded"
LINE_IGNORED = "payments.line_ignored"
WEBHOOK_RECEIVED = "payments.webhook_received"

ACTIONS = [
    (PAYMENT_STARTED, _("支払いの開始")),
    (PAYMENT_AUTHORIZED, _("カードの与信")),
    (PAYMENT_CAPTURED, _("入金の確定")),
    (PAYMENT_CANCELLED, _("支払いの取り消し")),
    (PAYMENT_REFUNDED, _("返金")),
    (REFUND_PAID, _("返金の振込完了")),
    (STATEMENT_IMPORTED, _("入出金明細の取り込み")),
    (LINE_ASSIGNED, _("明細行の手動割り当て")),
    (LINE_REFUNDED, _("明細行の返金扱い")),
    (LINE_IGNORED, _("明細行を対象外にする")),
    (WEBHOOK_RECEIVED, _("Stripe からの通知の処理")),
]
