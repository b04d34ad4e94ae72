from django.urls import path

from kyoso.roles import views

app_name = "roles"

urlpatterns = [
    path("", views.index, name="index"),
    path("grant/", views.grant, name="grant"),
    path("revoke/", views.revoke, name="revoke"),
    path("secretariat/", views.secretariat, name="secretariat"),
]
