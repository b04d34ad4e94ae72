"""Every error, whatever raised it, answers {"error": {"code", "message", "details"}}."""

import pytest
from django.test import Client
from django.utils import translation

from kyoso.api import messages
from kyoso.api.tests.factories import error_of, send

pytestmark = pytest.mark.urls("kyoso.api.tests.error_urls")


def _get(client, path, **extra):
    return client.get(f"/test-errors{path}", **extra)


def test_custom_api_error(client, db):
    response = _get(client, "/api-error")
    assert response.status_code == 409
    assert response.json() == {
        "error": {"code": "conflict", "message": "衝突しました。", "details": [{"why": "テスト"}]}
    }


def test_validation_error_lists_field_paths(client, db):
    response = client.post(
        "/test-errors/numbers",
        data='{"count": "many", "items": [1, "two"]}',
        content_type="application/json",
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["message"] == str(messages.VALIDATION_FAILED)
    assert error["details"] == [
        {
            "field": "count",
            "location": "body",
            "code": "int_parsing",
            "message": str(messages.FIELD_NOT_INTEGER),
        },
        {
            "field": "items.1",
            "location": "body",
            "code": "int_parsing",
            "message": str(messages.FIELD_NOT_INTEGER),
        },
    ]


def test_missing_body_field(client, db):
    response = client.post("/test-errors/numbers", data="{}", content_type="application/json")
    details = error_of(response)["details"]
    assert {(d["field"], d["code"], d["message"]) for d in details} == {
        ("count", "missing", str(messages.FIELD_REQUIRED)),
        ("items", "missing", str(messages.FIELD_REQUIRED)),
    }


def test_unreadable_json_is_400(client, db):
    response = client.post("/test-errors/numbers", data="{nope", content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"


@pytest.mark.parametrize(
    "body", ['{"title": "\\ud8cf"}', '{"title": "a\\u0000b"}', '{"tags": [{"\\u0000": 1}]}']
)
def test_a_string_that_is_not_storable_text_is_refused_as_unreadable_json(client, db, body):
    # Valid JSON syntax, but a lone surrogate is not text and PostgreSQL cannot store a NUL
    # (both found by schemathesis): refused alike on both databases.
    response = client.post("/test-errors/numbers", data=body, content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "invalid_json"


def test_a_surrogate_pair_is_text(client, db):
    paired = '{"title": "\\ud83d\\ude00"}'  # a proper pair (an emoji) is text
    response = client.post("/test-errors/numbers", data=paired, content_type="application/json")
    assert error_of(response)["code"] != "invalid_json"


def test_permission_denied_is_403(client, db):
    response = _get(client, "/permission-denied")
    assert response.status_code == 403
    assert error_of(response) == {
        "code": "permission_denied",
        "message": str(messages.PERMISSION_DENIED),
        "details": [],
    }


@pytest.mark.parametrize("path", ["/http404", "/does-not-exist", "/no-such-path", "/"])
def test_not_found_is_404_without_internals(client, db, path):
    response = _get(client, path)
    assert response.status_code == 404
    assert error_of(response)["message"] == str(messages.NOT_FOUND)
    assert "secret detail" not in response.content.decode()


def test_wrong_method_is_405_with_allow(client, db):
    response = client.delete("/test-errors/numbers")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert error_of(response)["code"] == "method_not_allowed"


def test_throttled_is_429_with_retry_after(client, db):
    assert _get(client, "/throttled").status_code == 200
    response = _get(client, "/throttled")
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    error = error_of(response)
    assert error["code"] == "throttled"
    assert error["message"] == str(messages.THROTTLED % {"seconds": seconds})


def test_server_error_is_500_in_the_format(db):
    client = Client(raise_request_exception=False)
    response = _get(client, "/server-error")
    assert response.status_code == 500
    assert error_of(response) == {
        "code": "server_error",
        "message": str(messages.SERVER_ERROR),
        "details": [],
    }
    assert "boom" not in response.content.decode()


def test_server_error_still_reaches_the_test_client(client, db):
    with pytest.raises(RuntimeError, match="boom"):
        _get(client, "/server-error")


def test_unauthenticated_is_401_on_the_real_api(client, db):
    response = send(client, "get", "/me")
    assert response.status_code == 401
    assert error_of(response) == {
        "code": "not_authenticated",
        "message": str(messages.NOT_AUTHENTICATED),
        "details": [],
    }


def test_messages_are_japanese_by_default(client, db):
    response = _get(client, "/permission-denied")
    assert response["Content-Language"] == "ja"
    assert error_of(response)["message"] == "この操作を行う権限がありません。"


def test_messages_follow_accept_language(client, db):
    response = _get(client, "/permission-denied", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    with translation.override("en"):
        expected = str(messages.PERMISSION_DENIED)
    assert error_of(response)["message"] == expected
    response = client.post(
        "/test-errors/numbers",
        data="{}",
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    with translation.override("en"):
        expected_detail = str(messages.FIELD_REQUIRED)
    assert error_of(response)["details"][0]["message"] == expected_detail
