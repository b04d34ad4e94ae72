"""The OpenAPI document lists every operation; the docs page loads nothing from elsewhere."""

import json
import re

import ninja
import pytest

from kyoso.api.urls import api

EXPECTED_PATHS = {
    "/api/v1/funds": {"get"},
    "/api/v1/funds/{fund_id}": {"get"},
    "/api/v1/funds/{fund_id}/ledger": {"get"},
    "/api/v1/me/donations": {"get"},
    "/api/v1/campaigns": {"get"},
    "/api/v1/campaigns/{campaign_id}": {"get"},
    "/api/v1/me/pledges": {"get"},
    "/api/v1/issues.geojson": {"get"},
    "/api/v1/issues": {"get", "post"},
    "/api/v1/issues/{issue_id}": {"get", "patch"},
    "/api/v1/issues/{issue_id}/stage": {"post"},
    "/api/v1/issues/{issue_id}/empathy": {"post", "delete"},
    "/api/v1/issues/{issue_id}/comments": {"get", "post"},
    "/api/v1/search": {"get"},
    "/api/v1/projects/{project_id}/needs": {"get", "post"},
    "/api/v1/projects/{project_id}/needs/{need_id}": {"patch"},
    "/api/v1/projects/{project_id}/updates": {"get", "post"},
    "/api/v1/me": {"get", "patch"},
    "/api/v1/auth/token": {"post"},
    "/api/v1/tokens": {"get"},
    "/api/v1/tokens/{token_id}": {"delete"},
    "/api/v1/organizations": {"get", "post"},
    "/api/v1/organizations/{slug}": {"get"},
    "/api/v1/regions/prefectures": {"get"},
    "/api/v1/regions/municipalities": {"get"},
    "/api/v1/communities": {"get"},
    "/api/v1/communities/{slug}": {"get"},
    "/api/v1/communities/{slug}/membership": {"post", "delete"},
    "/api/v1/events": {"get"},
    "/api/v1/events/{event_id}": {"get"},
    "/api/v1/events/{event_id}/registration": {"post", "delete"},
    "/api/v1/missions": {"get", "post"},
    "/api/v1/missions/{mission_id}": {"get", "patch"},
    "/api/v1/missions/{mission_id}/applications": {"get", "post"},
    "/api/v1/challenges": {"get"},
    "/api/v1/challenges/{challenge_id}": {"get"},
    "/api/v1/challenges/{challenge_id}/questions": {"get", "post"},
    "/api/v1/challenges/{challenge_id}/proposals": {"get", "post"},
    "/api/v1/archive": {"get"},
    "/api/v1/archive/{item_id}": {"get"},
    "/api/v1/screenings/{round_id}": {"get"},
    "/api/v1/screenings/{round_id}/items/{item_id}/scores": {"post"},
    "/api/v1/projects": {"get", "post"},
    "/api/v1/projects.geojson": {"get"},
    "/api/v1/projects/{project_id}": {"get", "patch"},
    "/api/v1/projects/{project_id}/members": {"get", "post"},
    "/api/v1/projects/{project_id}/stage": {"get", "post"},
    "/api/v1/introductions": {"get", "post"},
    "/api/v1/introductions/{introduction_id}/accept": {"post"},
    "/api/v1/introductions/{introduction_id}/decline": {"post"},
    "/api/v1/advice-requests": {"get", "post"},
    "/api/v1/hubs": {"get"},
    "/api/v1/hubs/{slug}/spaces": {"get"},
    "/api/v1/hubs/{slug}/spaces/{space}/availability": {"get"},
    "/api/v1/bookings": {"get", "post"},
    "/api/v1/bookings/{booking_id}": {"delete"},
    "/api/v1/matches": {"get"},
    "/api/v1/me/suggestions": {"get"},
    "/api/v1/kpi/indicators": {"get"},
    "/api/v1/kpi/participation": {"get"},
}


def _operation_paths():
    api.urls  # noqa: B018 - binds the routers
    found: dict[str, set[str]] = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if operation.include_in_schema:
                    url = "/api/v1" + re.sub(r"\{(\w+:)?(\w+)\}", r"{\2}", prefix + path)
                    found.setdefault(url, set()).update(m.lower() for m in operation.methods)
    return found


def test_openapi_is_json_with_every_path(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Kyoso API"
    paths = {path: set(ops) for path, ops in document["paths"].items()}
    assert paths == _operation_paths()
    assert paths == EXPECTED_PATHS
    schemes = document["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["SessionAuth"]["in"] == "cookie"


def test_openapi_marks_public_and_optional_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "security" not in paths["/api/v1/regions/prefectures"]["get"]
    assert "security" not in paths["/api/v1/auth/token"]["post"]
    assert {} in paths["/api/v1/organizations"]["get"]["security"]
    assert {} not in paths["/api/v1/organizations"]["post"]["security"]
    assert {} not in paths["/api/v1/me"]["get"]["security"]


def test_docs_page_uses_only_this_site(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="swagger-ui"' in html
    hosts = set(re.findall(r"(?:https?:)?//([^/\"'\s)]+)", html))
    assert hosts <= {"testserver"}, hosts
    settings_json = re.search(
        r'<script id="swagger-settings" type="application/json">(.*?)</script>', html, re.S
    ).group(1)
    swagger = json.loads(settings_json)
    assert swagger["url"] == "/api/v1/openapi.json"
    assert swagger["validatorUrl"] is None  # no badge from validator.swagger.io


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui-init.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("favicon.svg", "image/svg+xml"),
    ],
)
def test_docs_assets_are_served_locally(client, db, name, content_type):
    html = client.get("/api/v1/docs").content.decode()
    url = f"/api/v1/docs/assets/{name}?v={ninja.__version__}"
    assert url in html
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "max-age" in response["Cache-Control"]
    assert b"".join(response.streaming_content)


def test_other_asset_names_are_404(client, db):
    assert client.get("/api/v1/docs/assets/redoc.standalone.js").status_code == 404
    assert client.get("/api/v1/docs/assets/..%2Fsettings.py").status_code == 404


def test_site_footer_links_to_the_docs(client, db):
    assert 'href="/api/v1/docs"' in client.get("/").content.decode()


def test_openapi_document_is_valid_openapi(client, db):
    """Client generators read the document: it must validate against the OpenAPI schema of its
    version (a parameter's ``examples`` as a list, for one, is not allowed)."""
    from openapi_spec_validator import validate

    document = client.get("/api/v1/openapi.json").json()
    validate(document)  # raises, naming the first invalid place
