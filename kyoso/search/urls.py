from django.urls import path

from kyoso.search import views

app_name = "search"

urlpatterns = [
    path("", views.synonym_list, name="synonyms"),
    path("add/", views.synonym_add, name="synonym_add"),
    path("<int:pk>/edit/", views.synonym_edit, name="synonym_edit"),
    path("<int:pk>/delete/", views.synonym_delete, name="synonym_delete"),
]
