from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "kyoso.hubs"
    label = "hubs"

    def ready(self) -> None:
        from kyoso.hubs import registry

        registry.register()
