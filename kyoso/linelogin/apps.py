from django.apps import AppConfig


class LineLoginConfig(AppConfig):
    name = "kyoso.linelogin"
    label = "linelogin"

    def ready(self) -> None:
        from kyoso.linelogin import rules, services

        rules.register()
        services.register_audit_actions()
        services.register_personal_data()
