from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kyoso.events"
    label = "events"

    def ready(self) -> None:
        from kyoso.core.schedule import Every, register_job
        from kyoso.events import indicators, registry

        registry.register()
        indicators.register_sources()
        register_job(
            "events.reminders",
            command="send_event_reminders",
            when=Every(15),
            description="Remind confirmed registrants within the day before an event.",
        )
