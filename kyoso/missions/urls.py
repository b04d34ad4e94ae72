"""URLs of the missions app, gathered from the view modules that own them."""

from kyoso.missions.views import urls_of

app_name = "missions"

urlpatterns = urls_of()
