from django.apps import AppConfig


class ConciergeConfig(AppConfig):
    name = "kyoso.concierge"
    label = "concierge"

    def ready(self) -> None:
        from kyoso.concierge.models import Consultation
        from kyoso.core import exposure

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Consultation, exposure.owned_by("person", "concierge"))

        from kyoso.concierge import indicators, registry
        from kyoso.core.schedule import Daily, register_job

        registry.register()
        indicators.register_sources()
        register_job(
            "concierge.followup_reminders",
            command="send_followup_reminders",
            when=Daily(9, 0),
            description="Mail each concierge follow-up on its date, once.",
        )
