from django.apps import AppConfig


class SchedulerConfig(AppConfig):
    name = "kyoso.scheduler"
    label = "scheduler"
    verbose_name = "Scheduler"
