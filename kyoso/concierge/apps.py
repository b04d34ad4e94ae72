from django.apps import AppConfig


class ConciergeConfig(AppConfig):
    name = "kyoso.concierge"
    label = "concierge"

    def ready(self) -> None:
        from kyoso.concierge import registry

        registry.register()
