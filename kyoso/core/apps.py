from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kyoso.core"
    label = "core"
    verbose_name = "Kyoso core"

    def ready(self) -> None:
        from kyoso.core import rules
        from kyoso.core.forms import drop_label_suffix_by_default

        rules.register()
        drop_label_suffix_by_default()
