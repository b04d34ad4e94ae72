from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kyoso.demo"
    label = "demo"
