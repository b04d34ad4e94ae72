from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "kyoso.network"
    label = "network"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.network.models import AdviceRequest, Introduction

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(
            Introduction, exposure.owned_by("requester", "to_user", "broker", "answered_by")
        )
        exposure.declare(AdviceRequest, exposure.owned_by("requester", "advisor"))

        from kyoso.network import indicators, registry

        registry.register()
        indicators.register_sources()
