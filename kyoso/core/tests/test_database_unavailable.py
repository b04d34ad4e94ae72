"""The database out of reach (restarting, connections cut) answers a clean 503 page with
``Retry-After``, on pages and in the API's error format; other errors stay a plain 500."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

SECRET = "could not connect to server: secret-host:5432"


def _database_down(error: Exception):
    """The boundary: every new cursor fails as psycopg's does while PostgreSQL restarts."""
    return mock.patch.object(connection, "cursor", side_effect=error)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/issues/", "/events/", "/healthz"])
@pytest.mark.parametrize(
    "error", [OperationalError(SECRET), InterfaceError("connection already closed " + SECRET)]
)
def test_pages_answer_503_with_retry_after_when_the_database_is_down(path, error):
    client = Client(raise_request_exception=False)
    with _database_down(error):
        response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "ただいま一時的にご利用いただけません。" in page
    for leak in ("Traceback", "secret-host", "OperationalError", "InterfaceError", "Django"):
        assert leak not in page


@pytest.mark.django_db
def test_the_api_answers_503_in_its_error_format_when_the_database_is_down():
    client = Client(raise_request_exception=False)
    with _database_down(OperationalError(SECRET)):
        response = client.get("/api/v1/issues")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    error = response.json()["error"]
    assert error["code"] == "service_unavailable"
    assert "30" in error["message"]
    assert "secret-host" not in response.content.decode()


@pytest.mark.django_db
def test_other_errors_stay_a_plain_500():
    from kyoso.core import views

    client = Client(raise_request_exception=False)
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError(SECRET)):
        response = client.get("/healthz")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "secret-host" not in response.content.decode()
    assert views.database_unavailable(RuntimeError()) is False
