"""The read-replica router: the rule of kyoso/core/db_router.py, query by query.

The replica is a stand-in: the ``replica`` alias of the test settings mirrors the test
database (``TEST: {"MIRROR": "default"}``), so what a transactional test commits on the
primary is there to read; which connection ran each query is what is checked.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kyoso.accounts.models import User
from kyoso.core import db_router
from kyoso.core.db_router import PIN_COOKIE, ReplicaPinMiddleware, primary_scope, use_replica
from kyoso.issues import selectors as issue_selectors
from kyoso.issues.tests.factories import IssueFactory

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica(settings):
    settings.KYOSO_READ_REPLICA = "replica"


class Counted:
    """Queries run on each connection inside the block: one fresh unit of work, as a request
    or a task starts (the fixtures' own writes do not pin it to the primary)."""

    def __enter__(self):
        self._scope = primary_scope()
        self._scope.__enter__()
        self._primary = CaptureQueriesContext(connections["default"])
        self._replica = CaptureQueriesContext(connections["replica"])
        self._primary.__enter__()
        self._replica.__enter__()
        return self

    def __exit__(self, *exc):
        self._primary.__exit__(*exc)
        self._replica.__exit__(*exc)
        self._scope.__exit__(*exc)

    @property
    def primary(self) -> int:
        return len(self._primary)

    @property
    def replica(self) -> int:
        return len(self._replica)


def test_reads_inside_use_replica_go_to_the_replica(replica, suzuki):
    with Counted() as counted, use_replica():
        assert User.objects.filter(pk=suzuki.pk).exists()  # 1: on the replica
    assert (counted.primary, counted.replica) == (0, 1)


def test_reads_outside_use_replica_stay_on_the_primary(replica, suzuki):
    with Counted() as counted:
        assert User.objects.filter(pk=suzuki.pk).exists()
    assert (counted.primary, counted.replica) == (1, 0)


def test_reads_inside_a_transaction_stay_on_the_primary(replica, suzuki):
    with Counted() as counted, transaction.atomic(), use_replica():
        assert User.objects.filter(pk=suzuki.pk).exists()
    assert counted.replica == 0


def test_after_a_write_the_writer_reads_the_primary(replica, suzuki):
    with Counted() as counted, use_replica():
        User.objects.filter(pk=suzuki.pk).update(display_name="鈴木（更新）")  # the write
        assert User.objects.get(pk=suzuki.pk).display_name == "鈴木（更新）"
    assert counted.replica == 0
    assert counted.primary == 2


def test_without_a_replica_nothing_is_routed(settings, suzuki):
    settings.KYOSO_READ_REPLICA = None
    with Counted() as counted, use_replica():
        assert User.objects.filter(pk=suzuki.pk).exists()
    assert (counted.primary, counted.replica) == (1, 0)


def test_the_public_issue_list_reads_the_replica(replica):
    IssueFactory.create_batch(2)
    with Counted() as counted:
        page = issue_selectors.issue_page(AnonymousUser(), issue_selectors.IssueFilters())
    assert len(page.items) == 2
    assert counted.primary == 0
    assert counted.replica >= 1


def _seen_by_view(request):
    seen: list[bool] = []

    def view(request):
        with use_replica():
            seen.append(db_router.reads_may_use_replica())
        return HttpResponse("ok")

    response = ReplicaPinMiddleware(view)(request)
    return seen[0], response


def test_a_browser_that_posted_is_pinned_to_the_primary_for_a_while(replica, settings):
    factory = RequestFactory()

    may_use, response = _seen_by_view(factory.post("/issues/new"))
    assert may_use is False
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.KYOSO_REPLICA_PIN_SECONDS

    pinned = factory.get("/issues/")
    pinned.COOKIES[PIN_COOKIE] = "1"
    assert _seen_by_view(pinned)[0] is False

    may_use, response = _seen_by_view(factory.get("/issues/"))
    assert may_use is True
    assert PIN_COOKIE not in response.cookies
