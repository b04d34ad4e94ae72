from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kyoso.search"
    label = "search"
