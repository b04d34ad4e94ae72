from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kyoso.audit"
    label = "audit"

    def ready(self) -> None:
        from kyoso.audit import rules

        rules.register()
