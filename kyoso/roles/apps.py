from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "kyoso.roles"
    label = "roles"
