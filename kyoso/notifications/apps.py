from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "kyoso.notifications"
    label = "notifications"
