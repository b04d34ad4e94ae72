from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "kyoso.scheduler"
    label = "scheduler"
    verbose_name = "Scheduler"

    def ready(self) -> None:
        from kyoso.core.schedule import Every, register_job

        register_job(
            "scheduler.requeue_orphaned_tasks",
            command="requeue_orphaned_tasks",
            when=Every(1),
            description="Requeue the background tasks whose worker died mid-run.",
        )
