from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kyoso.network"
    label = "network"

    def ready(self) -> None:
        from kyoso.network import indicators, registry

        registry.register()
        indicators.register_sources()
