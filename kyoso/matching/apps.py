from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "kyoso.matching"
    label = "matching"

    def ready(self) -> None:
        from kyoso.matching import registry

        registry.register()
