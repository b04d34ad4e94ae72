from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kyoso.notifications"
    label = "notifications"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.notifications.models import Notification

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Notification, exposure.owned_by("recipient"))

        from kyoso.core import personal_data
        from kyoso.core.schedule import Daily, Every, Weekly, register_job
        from kyoso.notifications import personal_data as notification_data
        from kyoso.notifications import rules

        rules.register()
        personal_data.register(
            "notifications", export=notification_data.export, erase=notification_data.erase
        )
        register_job(
            "notifications.daily_digest",
            command="send_digests",
            args=("--period", "daily"),
            when=Daily(7, 0),
            description="One digest mail a day to those who chose daily digests.",
        )
        register_job(
            "notifications.weekly_digest",
            command="send_digests",
            args=("--period", "weekly"),
            when=Weekly(0, 7, 0),
            description="One digest mail a week (Monday morning) to those who chose weekly.",
        )
        register_job(
            "notifications.held_mail",
            command="send_held_mail",
            when=Every(10),
            description="Mail held by quiet hours, sent once they end.",
        )
