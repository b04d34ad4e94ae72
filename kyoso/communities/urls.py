"""URLs of the communities app, gathered from the view modules that own them."""

from kyoso.communities.views import urls_of

app_name = "communities"

urlpatterns = urls_of()
