from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kyoso.notifications"
    label = "notifications"

    def ready(self) -> None:
        from kyoso.core import personal_data
        from kyoso.notifications import personal_data as notification_data
        from kyoso.notifications import rules

        rules.register()
        personal_data.register(
            "notifications", export=notification_data.export, erase=notification_data.erase
        )
