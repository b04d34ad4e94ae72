from django.apps import AppConfig


class IssuesConfig(AppConfig):
    name = "kyoso.issues"
    label = "issues"

    def ready(self) -> None:
        from kyoso.issues import indicators, registry

        registry.register()
        indicators.register_sources()
