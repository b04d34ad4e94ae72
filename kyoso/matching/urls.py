"""URLs of the matching app."""

from kyoso.matching.views.pages import urlpatterns as page_patterns

app_name = "matching"

urlpatterns = [*page_patterns]
