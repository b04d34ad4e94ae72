from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "kyoso.orgs"
    label = "orgs"
