from django.apps import AppConfig


class KpiConfig(AppConfig):
    name = "kyoso.kpi"
    label = "kpi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kyoso.kpi import registry

        registry.register()
