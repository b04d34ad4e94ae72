from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "kyoso.hubs"
    label = "hubs"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.hubs.models import Booking

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Booking, exposure.owned_by("user"))

        from kyoso.core.schedule import Daily, register_job
        from kyoso.hubs import registry

        registry.register()
        register_job(
            "hubs.reminders",
            command="send_hub_reminders",
            when=Daily(18, 0),
            description="Remind tomorrow's confirmed bookings, with their .ics.",
        )
