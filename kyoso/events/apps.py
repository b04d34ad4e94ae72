from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kyoso.events"
    label = "events"

    def ready(self) -> None:
        from kyoso.events import registry

        registry.register()
