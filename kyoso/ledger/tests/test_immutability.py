"""Transactions and entries are written once: the model layer refuses to save an existing row
or delete one, and the database refuses an UPDATE (and, on PostgreSQL, a DELETE)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from kyoso.ledger.models import Entry, ImmutableRowError, Transaction
from kyoso.ledger.services import transaction_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posted(chart, treasurer):
    return transaction_post(
        actor=treasurer, kind="donation.received", entries=[("bank", 5), ("fund:1:available", -5)]
    )


def test_the_model_layer_refuses_changes(posted):
    entry = posted.entries.first()
    posted.memo = "書き換え"
    with pytest.raises(ImmutableRowError):
        posted.save()
    entry.amount = 6
    with pytest.raises(ImmutableRowError):
        entry.save()
    with pytest.raises(ImmutableRowError):
        entry.delete()
    with pytest.raises(ImmutableRowError):
        posted.delete()
    assert Entry.objects.get(pk=entry.pk).amount == 5


@pytest.mark.parametrize("model", [Entry, Transaction])
def test_the_database_refuses_an_update(posted, model):
    field = "amount" if model is Entry else "memo"
    value = 6 if model is Entry else "書き換え"
    with pytest.raises(DatabaseError), transaction.atomic():
        model.objects.update(**{field: value})
    assert not model.objects.filter(**{field: value}).exists()
    if connection.vendor == "postgresql":  # SQLite: deletes are refused by the model layer
        table = model._meta.db_table
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - our own table
        assert model.objects.exists()
