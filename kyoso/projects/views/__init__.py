"""Pages of the projects app, one module per area; each module defines its own ``urlpatterns``.

Add a module's name to AREAS to mount it (areas are owned by different people: edit this
tuple with a one-line change, never rewrite the file)."""

from importlib import import_module

AREAS: tuple[str, ...] = (
    "listing",
    "editing",
    "membership",
    "needs",
    "records",
    "updates",
    "comments",
    "moderation",
)


def urls_of() -> list:
    patterns: list = []
    for area in AREAS:
        module = import_module(f"kyoso.projects.views.{area}")
        patterns.extend(module.urlpatterns)
    return patterns
