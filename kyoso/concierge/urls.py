"""URLs of the concierge app (mounted at ``/concierge/``)."""

from kyoso.concierge.views import consultation, desk, figures

app_name = "concierge"

urlpatterns = [*desk.urlpatterns, *consultation.urlpatterns, *figures.urlpatterns]
