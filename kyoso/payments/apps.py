from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "kyoso.payments"
    label = "payments"

    def ready(self) -> None:
        from kyoso.audit.registry import register_actions
        from kyoso.payments import audit, rules

        rules.register()
        register_actions(audit.ACTIONS)
