from django.urls import path

from kyoso.sitepages import views

app_name = "sitepages"

urlpatterns = [
    path("settings/", views.site_settings_edit, name="settings"),
    path("<slug:slug>/", views.page_detail, name="detail"),
    path("<slug:slug>/edit/", views.page_edit, name="edit"),
]
