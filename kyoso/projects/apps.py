from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "kyoso.projects"
    label = "projects"

    def ready(self) -> None:
        from kyoso.projects import indicators, registry

        registry.register()
        indicators.register_sources()
