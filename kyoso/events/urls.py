"""URLs of the events app, gathered from the view modules that own them."""

from kyoso.events.views import urls_of

app_name = "events"

urlpatterns = urls_of()
