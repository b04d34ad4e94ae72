"""URLs of the screening app (the views module owns them)."""

from kyoso.screening.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
