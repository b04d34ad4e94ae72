from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kyoso.audit"
    label = "audit"
