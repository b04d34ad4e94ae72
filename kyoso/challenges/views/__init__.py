"""Pages of the challenges app, one module per area; each defines its own ``urlpatterns``."""

from importlib import import_module

AREAS: tuple[str, ...] = ("listing", "editing", "proposals", "reviewers")


def urls_of() -> list:
    patterns: list = []
    for area in AREAS:
        module = import_module(f"kyoso.challenges.views.{area}")
        patterns.extend(module.urlpatterns)
    return patterns
