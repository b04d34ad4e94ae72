from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "kyoso.payments"
    label = "payments"

    def ready(self) -> None:
        from kyoso.audit.registry import register_actions
        from kyoso.core import exposure
        from kyoso.payments import audit, rules
        from kyoso.payments.models import Payment

        rules.register()
        register_actions(audit.ACTIONS)
        # The card page and its return page are the payer's alone (payments.pay_payment).
        exposure.declare(Payment, exposure.owned_by("created_by"))
