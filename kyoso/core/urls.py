from django.urls import path

from kyoso.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("healthz", views.healthz, name="healthz"),
]
