from django.apps import AppConfig


class MissionsConfig(AppConfig):
    name = "kyoso.missions"
    label = "missions"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.missions.models import Application

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Application, exposure.owned_by("applicant"))

        from kyoso.core.schedule import Every, register_job
        from kyoso.missions import indicators, registry

        registry.register()
        indicators.register_sources()
        register_job(
            "missions.close_expired",
            command="close_missions",
            when=Every(15),
            description="Close published missions whose application deadline has passed.",
        )
