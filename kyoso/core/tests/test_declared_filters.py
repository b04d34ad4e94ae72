"""Filters and sorting accept only declared fields (issue 20; docs/security.md).

Decidim's audit found filters that passed a caller's field names to the ORM
(``?filter[user_email]=…``), so results could be narrowed, and ordered, by columns the caller
must never see. Here every list is found by introspection, nothing names an app:

- **API**: every GET operation of ``/api/v1/openapi.json``. Undeclared query parameters
  (``ordering=user__password``, ``author__email=…``) are refused with 422 in the one error
  format, each named in ``details`` with the allowed parameters; a declared ``sort``/``order``
  parameter refuses field names (``sort=password``, ``sort=-email``).
- **Pages**: every URL pattern without arguments, fetched by the secretariat (who sees the most)
  with and without the same parameters: forms read declared fields only, so the page answers
  the same status and lists the same objects in the same order (the pages' pattern: an unknown
  parameter is ignored, a bad value of a declared one is dropped with a notice).
"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kyoso.api.tests.factories import bearer, issue_token
from kyoso.api.urls import api
from kyoso.core.tests import exposure

#: What a leaky filter would take: Django lookups through relations to private columns.
UNDECLARED = {
    "ordering": "user__password",
    "order": "-email",
    "order_by": "author__email",
    "user__email": "suzuki@example.jp",
    "author__email__startswith": "s",
    "filter[user_email]": "suzuki@example.jp",
    "fields": "email,password",
}
#: Values a declared sort parameter must refuse.
FIELD_NAMES = ["password", "-email", "user__password", "author__email"]
SORT_PARAMETERS = {"sort", "order", "ordering", "order_by"}


def _concrete(template: str) -> str:
    """An OpenAPI path with its parameters filled (the check runs before any lookup)."""
    return re.sub(r"\{(\w+)\}", lambda m: "1" if m.group(1).endswith("id") else "x", template)


@pytest.mark.django_db
def test_every_api_get_operation_refuses_undeclared_query_parameters(takahashi):
    client = Client(**bearer(issue_token(takahashi, ["read"])))
    declared = api.declared_query_parameters()
    operations = [(path, names) for (method, path), names in declared.items() if method == "GET"]
    assert len(operations) > 30
    problems = []
    for template, allowed in operations:
        if template.endswith(("/openapi.json", "/docs")):
            continue
        response = client.get(_concrete(template), UNDECLARED)
        if response.status_code != 422:
            problems.append(f"{template}: {response.status_code}")
            continue
        error = response.json()["error"]
        named = {d["field"] for d in error["details"] if d["code"] == "unknown_parameter"}
        if named != set(UNDECLARED):
            problems.append(f"{template}: named {sorted(named)}")
        for detail in error["details"]:
            if detail["location"] != "query" or not all(a in detail["message"] for a in allowed):
                problems.append(f"{template}: {detail}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_declared_sort_parameters_refuse_field_names(takahashi):
    client = Client(**bearer(issue_token(takahashi, ["read"])))
    sorts = [
        (path, name)
        for (method, path), names in api.declared_query_parameters().items()
        if method == "GET"
        for name in names
        if name in SORT_PARAMETERS
    ]
    assert sorts, "at least the issue list declares a sort"
    for template, name in sorts:
        for value in FIELD_NAMES:
            response = client.get(_concrete(template), {name: value})
            assert response.status_code == 422, (template, name, value)
            (detail,) = response.json()["error"]["details"]
            assert detail["field"] == name
            assert "new" in detail["message"] or "," in detail["message"]


def test_the_refusal_lists_the_allowed_parameters_in_english(client):
    response = client.get(
        "/api/v1/organizations", {"ordering": "-email"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    (detail,) = response.json()["error"]["details"]
    assert detail == {
        "field": "ordering",
        "location": "query",
        "code": "unknown_parameter",
        "message": detail["message"],
    }
    for name in ("type", "prefecture", "verified", "q", "limit", "offset"):
        assert name in detail["message"]


_OBJECT_LINK = re.compile(r'href="(/[\w-]+/(?:[\w-]+/)*\d+/)"')


@pytest.mark.usefixtures("loaded_demo")
class TestPages:
    def test_list_pages_ignore_undeclared_filters_and_sorts(self, db, sato):
        client = Client()
        client.force_login(sato)
        pages, _unfilled = exposure.pages()
        lists = sorted(
            {
                page.path
                for page in pages
                if "<" not in page.route
                and not page.route.endswith((".csv", ".xlsx", ".pdf", ".ics", ".xml", ".json"))
                and "logout" not in page.route
            }
        )
        assert len(lists) > 30
        problems = []
        compared = 0
        for path in lists:
            plain = client.get(path)
            if plain.status_code != 200 or "text/html" not in plain.get("Content-Type", ""):
                continue
            tried = client.get(path, {**UNDECLARED, "sort": "password"})
            if tried.status_code != 200:
                problems.append(f"{path}: {tried.status_code}")
                continue
            before = _OBJECT_LINK.findall(plain.content.decode())
            after = _OBJECT_LINK.findall(tried.content.decode())
            compared += bool(before)
            if before != after:
                problems.append(f"{path}: the objects listed changed")
        print(f"declared filters: {compared} list pages compared")
        assert compared > 10
        assert problems == [], "\n".join(problems)
