from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kyoso.regions"
    label = "regions"
