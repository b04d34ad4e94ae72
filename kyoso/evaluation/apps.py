from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "kyoso.evaluation"
    label = "evaluation"

    def ready(self) -> None:
        from kyoso.evaluation import registry

        registry.register()
