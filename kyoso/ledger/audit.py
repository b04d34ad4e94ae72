"""The ledger's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ACCOUNT_OPENED = "ledger.account_opened"
TRANSACTION_POSTED = "ledger.transaction_posted"
TRANSACTION_REVERSED = "ledger.transaction_reversed"

ACTIONS = [
    (ACCOUNT_OPENED, _("会計の勘定の開設")),
    (TRANSACTION_POSTED, _("会計の取引の記帳")),
    (TRANSACTION_REVERSED, _("会計の取引の取り消し（反対仕訳）")),
]
