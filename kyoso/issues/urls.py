"""URLs of the issues app, gathered from the view modules that own them."""

from kyoso.issues.views import urls_of

app_name = "issues"

urlpatterns = urls_of()
