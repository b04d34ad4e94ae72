from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kyoso.api"
    label = "api"
