from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "kyoso.screening"
    label = "screening"

    def ready(self) -> None:
        from kyoso.screening import registry

        registry.register()
