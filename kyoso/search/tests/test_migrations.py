"""Search migrations that move data: existing documents keep ranking the same after them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search.models import SearchDocument, SearchText


@pytest.mark.django_db(transaction=True)
def test_0006_copies_the_title_terms_of_existing_documents_to_their_narrow_rows():
    orgs = [
        OrganizationFactory(name="防災の会", name_kana="", description="訓練をします。"),
        OrganizationFactory(name="子ども食堂ネット", name_kana="", description="食堂の連携。"),
    ]
    expected = dict(SearchText.objects.values_list("document_id", "title_terms"))
    assert all(expected.values())

    call_command("migrate", "search", "0005", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_document")
        assert cursor.fetchone()[0] == len(orgs)
    call_command("migrate", "search", verbosity=0)

    assert dict(SearchDocument.objects.values_list("id", "title_terms")) == expected
