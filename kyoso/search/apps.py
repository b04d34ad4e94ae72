from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kyoso.search"
    label = "search"

    def ready(self) -> None:
        from kyoso.search import rules

        rules.register()
