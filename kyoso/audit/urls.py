from django.urls import path

from kyoso.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("export.csv", views.export, name="export"),
]
