from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "kyoso.matching"
    label = "matching"

    def ready(self) -> None:
        from kyoso.core.schedule import Daily, register_job
        from kyoso.matching import registry

        registry.register()
        register_job(
            "matching.rebuild_profiles",
            command="rebuild_match_profiles",
            when=Daily(4, 30),
            description="Recompute everyone's matching features (new attendance, activity).",
        )
