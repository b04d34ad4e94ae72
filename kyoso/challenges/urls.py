"""URLs of the challenges app, gathered from the view modules that own them."""

from kyoso.challenges.views import urls_of

app_name = "challenges"

urlpatterns = urls_of()
