from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "kyoso.ledger"
    label = "ledger"

    def ready(self) -> None:
        from kyoso.audit.registry import register_actions
        from kyoso.core.schedule import Daily, register_job
        from kyoso.ledger import audit, rules

        rules.register()
        register_actions(audit.ACTIONS)
        register_job(
            "ledger.check",
            command="check_ledger",
            when=Daily(4, 15),
            description="Prove every balance equals the sum of its entries; fail loudly if not.",
        )
