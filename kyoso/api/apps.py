from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kyoso.api"
    label = "api"

    def ready(self) -> None:
        from kyoso.api import rules
        from kyoso.api.privacy import register_personal_data

        rules.register()
        register_personal_data()
