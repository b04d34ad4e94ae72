from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "kyoso.campaigns"
    label = "campaigns"

    def ready(self) -> None:
        from kyoso.campaigns import registry

        registry.register()
