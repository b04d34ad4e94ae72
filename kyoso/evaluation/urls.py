"""URLs of the evaluation app (mounted at ``/evaluation/``)."""

from kyoso.evaluation.views import app_name, urlpatterns

__all__ = ["app_name", "urlpatterns"]
