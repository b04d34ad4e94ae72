from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "kyoso.challenges"
    label = "challenges"

    def ready(self) -> None:
        from kyoso.challenges import registry

        registry.register()
