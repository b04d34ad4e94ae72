from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "kyoso.archive"
    label = "archive"

    def ready(self) -> None:
        from kyoso.archive import registry

        registry.register()
