"""URLs of the campaigns app (the patterns live with their views)."""

from kyoso.campaigns.views import urlpatterns

app_name = "campaigns"

__all__ = ["app_name", "urlpatterns"]
