from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "kyoso.funding"
    label = "funding"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.funding.models import Application, Donation, Receipt

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(Donation, exposure.owned_by("donor"))
        exposure.declare(Receipt, exposure.owned_by("donation__donor"))
        exposure.declare(Application, exposure.owned_by("applicant"))

        from kyoso.funding import registry

        registry.register()
