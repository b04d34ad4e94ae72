"""A test-only API whose operations raise each kind of error (see test_error_format.py).

It is a :class:`KyosoAPI` like the real one, so it has the same handlers; the real URL
configuration is included too so that templates can reverse its names.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.urls import path
from ninja import Schema
from ninja.throttling import AnonRateThrottle

from kyoso.api.application import KyosoAPI
from kyoso.api.errors import ApiError
from kyoso.urls import urlpatterns as site_urlpatterns

test_api = KyosoAPI(title="errors", version="test", urls_namespace="api-errors", auth=None)


class Numbers(Schema):
    count: int
    items: list[int]


@test_api.get("/api-error")
def raise_api_error(request: HttpRequest):
    raise ApiError(409, "conflict", "衝突しました。", details=[{"why": "テスト"}])


@test_api.get("/permission-denied")
def raise_permission_denied(request: HttpRequest):
    raise PermissionDenied


@test_api.get("/http404")
def raise_http404(request: HttpRequest):
    raise Http404("secret detail")


@test_api.get("/does-not-exist")
def raise_does_not_exist(request: HttpRequest):
    return Group.objects.get(name="no such group")


@test_api.get("/throttled", throttle=AnonRateThrottle("1/min"))
def throttled(request: HttpRequest):
    return {"ok": True}


@test_api.post("/numbers")
def numbers(request: HttpRequest, payload: Numbers):
    return {"ok": True}


@test_api.get("/server-error")
def server_error(request: HttpRequest):
    raise RuntimeError("boom")


urlpatterns = [path("test-errors/", test_api.urls), *site_urlpatterns]
