"""schemathesis against the API: every operation of ``/api/v1/openapi.json`` is called through
the WSGI application (no server) with examples generated from its own schema, with a write
token of the secretariat over a small set of rows, and must never answer 5xx nor send a
response its schema does not describe (status code and body). Bounded: ``EXAMPLES`` examples
an operation, no shrinking, so the run stays well under two minutes.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from kyoso.api.tests.factories import issue_token
from kyoso.issues.tests.factories import IssueFactory
from kyoso.wsgi import application

EXAMPLES = 4
#: No 5xx, and a documented status's body matches its schema. Undocumented 4xx statuses (the
#: one error format's 422/404 on operations that list only 200) are not checked yet: see
#: docs/security.md.
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def keep_the_test_connection():
    """Calling the WSGI application directly sends ``request_started``, whose
    ``close_old_connections`` closes a connection older than ``CONN_MAX_AGE`` — here the test's
    own, inside its transaction, so every later query fails (seen on PostgreSQL in a long run).
    Django's test client disconnects it for the same reason; so does this test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_answers_within_its_schema(sato, suzuki, keep_the_test_connection):
    IssueFactory(author=suzuki)
    token = issue_token(sato, scopes=["read", "write"])
    headers = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        run = _runner(operation, headers, failures)
        before = len(failures)
        try:
            run()
        except BaseException as error:  # recorded; go on to the next operation
            if isinstance(error, KeyboardInterrupt):
                raise
            if len(failures) == before:  # not a check's failure: generation or the call broke
                failures.append(f"{operation.method.upper()} {operation.path}: {error!r}"[:600])
    print(f"schemathesis: {operations} operations, up to {EXAMPLES} examples each")
    assert operations > 50
    assert failures == [], "\n\n".join(failures)


def _runner(operation, headers, failures):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except Exception as error:
            failures.append(f"{operation.method.upper()} {operation.path}: {error}"[:600])
            raise

    return run


def test_no_two_response_schemas_share_a_name():
    """The OpenAPI document names a component by its class name: two routers' ``MemberOut``
    made the organizations' members described with the projects' fields (found by the test
    above)."""
    import importlib
    import pkgutil

    from ninja import Schema

    import kyoso.api.routers as routers

    for info in pkgutil.walk_packages(routers.__path__, routers.__name__ + "."):
        importlib.import_module(info.name)
    seen: dict[str, str] = {}
    clashes = []

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("kyoso.api.routers"):
                where = f"{sub.__module__}.{sub.__qualname__}"
                if sub.__name__ in seen and seen[sub.__name__] != where:
                    clashes.append(f"{seen[sub.__name__]} / {where}")
                seen.setdefault(sub.__name__, where)
            walk(sub)

    walk(Schema)
    assert clashes == []
