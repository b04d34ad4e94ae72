from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "kyoso.screening"
    label = "screening"

    def ready(self) -> None:
        from kyoso.core import exposure
        from kyoso.screening.models import ScreeningItem, ScreeningRound

        # Who may know these rows exist (the object-access sweep, docs/security.md).
        exposure.declare(ScreeningRound, exposure.owned_by("reviewers__user", "created_by"))
        exposure.declare(
            ScreeningItem, exposure.owned_by("round__reviewers__user", "round__created_by")
        )

        from kyoso.screening import registry

        registry.register()
