from django.conf import settings
from django.http import HttpRequest

from kyoso.core import navigation


def site(request: HttpRequest) -> dict:
    return {
        "KYOSO_BASE_URL": settings.BASE_URL,
        "KYOSO_PRODUCTION": settings.PRODUCTION,
        "nav_items": navigation.items(),
    }
