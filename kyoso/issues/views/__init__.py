"""Issue pages, one module per area; each module defines its own ``urlpatterns`` list."""

from importlib import import_module

AREAS = ("posting", "listing", "engagement", "comments", "stages", "moderation", "merge", "map")


def urls_of() -> list:
    patterns: list = []
    for area in AREAS:
        try:
            module = import_module(f"kyoso.issues.views.{area}")
        except ModuleNotFoundError as error:
            if error.name != f"kyoso.issues.views.{area}":
                raise
            continue
        patterns.extend(module.urlpatterns)
    return patterns
