"""URLs of the KPI app (mounted at ``/kpi/``)."""

from kyoso.kpi.views import indicators, surveys

app_name = "kpi"

urlpatterns = [*indicators.urlpatterns, *surveys.urlpatterns]
