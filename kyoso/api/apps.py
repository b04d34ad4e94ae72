from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kyoso.api"
    label = "api"

    def ready(self) -> None:
        from kyoso.api.models import ApiToken
        from kyoso.core import exposure

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(ApiToken, exposure.owned_by("user"))

        from kyoso.api import rules
        from kyoso.api.privacy import register_personal_data

        rules.register()
        register_personal_data()
