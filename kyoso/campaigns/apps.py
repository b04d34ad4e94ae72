from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "kyoso.campaigns"
    label = "campaigns"

    def ready(self) -> None:
        from kyoso.campaigns.models import Pledge
        from kyoso.core import exposure

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Pledge, exposure.owned_by("supporter"))

        from kyoso.campaigns import registry

        registry.register()
