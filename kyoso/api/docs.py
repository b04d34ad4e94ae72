"""The interactive API documentation, served entirely from this site.

ninja's default docs page loads Swagger UI from a CDN unless ``ninja`` is an installed app;
Kyoso pages make no request to an outside host, so :class:`LocalSwagger` renders
``api/docs.html`` and :func:`docs_asset` serves the Swagger UI files that django-ninja ships
in its package (``ninja/static/ninja``), with their version in the URL for caching.
Swagger UI's online validator (``validator.swagger.io``) is switched off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from ninja.openapi.docs import DocsBase

from kyoso.core.policy import public

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSET_DIR = Path(ninja.__file__).resolve().parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css; charset=utf-8",
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui-init.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
    "favicon.png": "image/png",
}
ASSET_MAX_AGE = 60 * 60 * 24 * 7


def asset_url(name: str) -> str:
    # The version changes the URL whenever an upgrade of django-ninja changes the files.
    return f"{reverse('api:docs-asset', kwargs={'name': name})}?v={ninja.__version__}"


@public
def docs_asset(request: HttpRequest, name: str) -> HttpResponseBase:
    if name not in ASSETS:
        raise Http404(name)
    response = FileResponse((ASSET_DIR / name).open("rb"), content_type=ASSETS[name])
    response["Cache-Control"] = f"public, max-age={ASSET_MAX_AGE}"
    return response


class LocalSwagger(DocsBase):
    template = "api/docs.html"
    settings: dict[str, Any] = {
        "layout": "BaseLayout",
        "deepLinking": True,
        "validatorUrl": None,
    }

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        swagger_settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(
            request,
            self.template,
            {
                "api": api,
                "swagger_settings": swagger_settings,
                "css_url": asset_url("swagger-ui.css"),
                "bundle_url": asset_url("swagger-ui-bundle.js"),
                "init_url": asset_url("swagger-ui-init.js"),
                "favicon_svg_url": asset_url("favicon.svg"),
                "favicon_png_url": asset_url("favicon.png"),
            },
        )
