"""A transactional test's flush takes the migration-loaded regions; the test support restores them.

pytest-xdist hands a worker modules in any order, so tests (and the shared demo load) that run
after a transactional test in the same process rely on :func:`restore_regions`.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from kyoso.regions.models import Municipality, Prefecture
from kyoso.regions.testing import restore_regions


def snapshot() -> tuple[list[tuple], list[tuple]]:
    return (
        list(Prefecture.objects.order_by("code").values_list()),
        list(Municipality.objects.order_by("code").values_list()),
    )


@pytest.mark.django_db(transaction=True)
def test_regions_come_back_as_the_migration_loaded_them_after_a_flush():
    migrated = snapshot()
    assert len(migrated[0]) == 47

    call_command("flush", interactive=False, verbosity=0)  # what the test's teardown does
    assert not Municipality.objects.exists()

    assert restore_regions() is True
    assert snapshot() == migrated
    assert restore_regions() is False  # present: one query, nothing written
