from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from kyoso.api.urls import api
from kyoso.core import views as core_views
from kyoso.core.policy import rule_required
from kyoso.events.views import calendar as events_calendar

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("kyoso.core.urls")),
    # The search page is core:search (/search/); the search app adds the secretariat's pages.
    path("search/synonyms/", include("kyoso.search.urls")),
    path("accounts/settings/tokens/", include("kyoso.api.web_urls")),
    path("accounts/line/", include("kyoso.linelogin.urls")),
    path("accounts/", include("kyoso.accounts.urls")),
    path("issues/", include("kyoso.issues.urls")),
    path("events.ics", events_calendar.feed, name="events_feed"),
    path("events/", include("kyoso.events.urls")),
    path("communities/", include("kyoso.communities.urls")),
    path("projects/", include("kyoso.projects.urls")),
    path("missions/", include("kyoso.missions.urls")),
    path("screening/", include("kyoso.screening.urls")),
    path("introductions/", include("kyoso.network.views_introductions")),
    path("advice/", include("kyoso.network.views_advice")),
    path("network/", include("kyoso.network.views_network")),
    path("hubs/", include("kyoso.hubs.urls")),
    path("concierge/", include("kyoso.concierge.urls")),
    path("evaluation/", include("kyoso.evaluation.urls")),
    path("matching/", include("kyoso.matching.urls")),
    path("challenges/", include("kyoso.challenges.urls")),
    path("funds/", include("kyoso.funding.views")),
    path("archive/", include("kyoso.archive.urls")),
    path("kpi/", include("kyoso.kpi.urls")),
    path("orgs/", include("kyoso.orgs.urls")),
    path("notifications/", include("kyoso.notifications.urls")),
    path("roles/", include("kyoso.roles.urls")),
    path("audit/", include("kyoso.audit.urls")),
    path("ledger/", include("kyoso.ledger.urls")),
    path("campaigns/", include("kyoso.campaigns.urls")),
    path("payments/", include("kyoso.payments.urls")),
    path("pages/", include("kyoso.sitepages.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# Uploaded files are served by Django only where no reverse proxy does it (the demo).
# Production serves MEDIA_ROOT from the proxy (docs/operations.md).
if not settings.PRODUCTION:
    urlpatterns.append(
        path(
            "media/<path:path>",
            rule_required("core.public")(serve),
            {"document_root": settings.MEDIA_ROOT},
        )
    )

# The benchmark's framework floor (benchmarks/floor.py), never in production (settings).
if settings.BENCH_FLOOR:
    urlpatterns.append(path("_bench/floor", core_views.floor, name="bench_floor"))

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
