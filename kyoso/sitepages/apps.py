from django.apps import AppConfig


class SitepagesConfig(AppConfig):
    name = "kyoso.sitepages"
    label = "sitepages"

    def ready(self) -> None:
        from kyoso.sitepages import rules

        rules.register()
