"""Two reviewers pressing "publish" on the same item at once (real threads, each on its own
database connection, kyoso.core.concurrency_testing) make one publication and one version;
the other is told the item's state changed."""

from __future__ import annotations

import pytest

from kyoso.archive.models import Status, StatusChange, Version
from kyoso.archive.services import ArchiveError, item_publish
from kyoso.archive.tests.factories import item_by
from kyoso.core.concurrency_testing import in_parallel, read, thread_databases


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_publications_are_one(tmp_path, ito, sato):
    item = item_by(ito, status=Status.REVIEW)

    def publish():
        from kyoso.accounts.models import User
        from kyoso.archive.models import Item

        try:
            item_publish(actor=User.objects.get(pk=sato.pk), item=Item.objects.get(pk=item.pk))
        except ArchiveError as error:
            return error.code
        return "done"

    with thread_databases(tmp_path) as open_connection:
        answers = in_parallel(open_connection, [publish, publish])
        versions = read(open_connection, lambda: Version.objects.filter(item_id=item.pk).count())
        moves = read(
            open_connection,
            lambda: StatusChange.objects.filter(item_id=item.pk, to_status="published").count(),
        )
    assert sorted(answers) == ["done", "wrong_state"]
    assert versions == 1 and moves == 1
