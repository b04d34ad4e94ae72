from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kyoso.search"
    label = "search"

    def ready(self) -> None:
        from kyoso.core.schedule import Daily, register_job
        from kyoso.search import rules

        rules.register()
        register_job(
            "search.optimize_index",
            command="optimize_search_index",
            when=Daily(3, 30),
            description="Merge the full-text index's pieces at night.",
        )
