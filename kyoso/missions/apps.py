from django.apps import AppConfig


class MissionsConfig(AppConfig):
    name = "kyoso.missions"
    label = "missions"

    def ready(self) -> None:
        from kyoso.missions import registry

        registry.register()
