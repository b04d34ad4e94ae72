from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "kyoso.roles"
    label = "roles"

    def ready(self) -> None:
        from kyoso.roles import rules

        rules.register()
