"""URLs of the archive (``/archive/``)."""

from kyoso.archive.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
