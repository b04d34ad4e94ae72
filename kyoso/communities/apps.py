from django.apps import AppConfig


class CommunitiesConfig(AppConfig):
    name = "kyoso.communities"
    label = "communities"

    def ready(self) -> None:
        from kyoso.communities import registry

        registry.register()
