"""Test support: the demo loaded once for a whole test class.

A demo load takes 10–15 s, so tests that only read the demo share one: the fixture loads it in
a transaction of its own (its on-commit work — search index, home versions — run), yields, and
rolls everything back after the class. Tests that use it also take ``db``, so each runs in a
savepoint inside and may write freely. Import the fixture into a test module or a conftest.

The demo needs the region rows of the data migration. A transactional test that ran earlier in
the same process (pytest-xdist gives a worker modules in any order) has flushed them, so the
fixture first puts them back, committed (kyoso/regions/testing.py): the demo tests run in the
parallel pass with the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import pytest
from django.db import transaction
from django.test import TestCase, override_settings
from django.utils import timezone

from kyoso.demo.services import DemoResult, demo_load
from kyoso.regions.testing import restore_regions


@dataclass(frozen=True)
class LoadedDemo:
    result: DemoResult
    #: The moment the load began: the demo's relative dates are counted from it.
    started_at: datetime


@pytest.fixture(scope="class")
def loaded_demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[LoadedDemo]:
    with django_db_blocker.unblock():
        restore_regions()
    with django_db_blocker.unblock(), transaction.atomic():
        with (
            override_settings(DATA_DIR=tmp_path_factory.mktemp("demo")),
            TestCase.captureOnCommitCallbacks(execute=True),
        ):
            started_at = timezone.now()
            result = demo_load()
        yield LoadedDemo(result=result, started_at=started_at)
        transaction.set_rollback(True)
