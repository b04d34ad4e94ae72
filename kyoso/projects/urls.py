"""URLs of the projects app, gathered from the view modules that own them."""

from kyoso.projects.views import urls_of

app_name = "projects"

urlpatterns = urls_of()
