from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "kyoso.funding"
    label = "funding"

    def ready(self) -> None:
        from kyoso.funding import registry

        registry.register()
