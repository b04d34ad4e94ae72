"""Search migrations that move data: existing documents keep ranking the same after them, and
are found under the keys of the current code."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search.models import SearchDocument, SearchText
from kyoso.search.services import matching_ids


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
    call_command("migrate", "search", "0006", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, title_terms FROM search_document")
        assert dict(cursor.fetchall()) == expected
    call_command("migrate", "search", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_0009_keeps_the_title_terms_once_on_postgresql_and_the_results_alike():
    """PostgreSQL's ranking reads the title's terms from search_text only: 0009 empties the
    copy on search_document there (and reversing fills it again); SQLite keeps it, for its
    ranking reads it. Either way the ranking is the same."""
    OrganizationFactory(name="防災の会", name_kana="", description="訓練をします。")
    OrganizationFactory(name="町内会", name_kana="", description="防災も考えます。")
    terms = dict(SearchText.objects.values_list("document_id", "title_terms"))
    ranked = matching_ids("防災", type="organizations")
    on_document = {} if connection.vendor == "postgresql" else terms
    on_document = {doc: on_document.get(doc, "") for doc in terms}

    assert dict(SearchDocument.objects.values_list("id", "title_terms")) == on_document
    call_command("migrate", "search", "0008", verbosity=0)
    assert dict(SearchDocument.objects.values_list("id", "title_terms")) == terms
    assert matching_ids("防災", type="organizations") == ranked
    call_command("migrate", "search", verbosity=0)
    assert dict(SearchDocument.objects.values_list("id", "title_terms")) == on_document
    assert matching_ids("防災", type="organizations") == ranked


def _types_in_table() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT object_id, type FROM search_document")
        return dict(cursor.fetchall())


def _insert_document(type_key: str, object_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_document (type, object_id, title, title_terms, url, updated_at) "
            "VALUES (%s, %s, %s, '', '/', %s)",
            [type_key, object_id, f"{type_key} {object_id}", timezone.now()],
        )


@pytest.mark.django_db(transaction=True)
def test_0008_renames_the_old_type_keys_to_the_plural_ones_and_back():
    org = OrganizationFactory(name="防災の会", name_kana="", description="訓練をします。")
    assert _types_in_table() == {org.pk: "organizations"}

    call_command("migrate", "search", "0007", verbosity=0)
    assert _types_in_table() == {org.pk: "orgs"}
    old = {"issue": 9001, "event": 9002, "community": 9003, "person": 9004, "minutes": 9005}
    for type_key, object_id in old.items():
        _insert_document(type_key, object_id)
    call_command("migrate", "search", verbosity=0)

    assert _types_in_table() == {
        org.pk: "organizations",
        9001: "issues",
        9002: "events",
        9003: "communities",
        9004: "people",
        9005: "minutes",
    }
    # Still matched by the full-text index under its new key (it is keyed by the document id).
    assert matching_ids("防災", type="organizations") == [org.pk]


@pytest.mark.django_db(transaction=True)
def test_0008_keeps_the_newer_document_when_both_keys_exist():
    call_command("migrate", "search", "0007", verbosity=0)
    _insert_document("issue", 7)
    _insert_document("issues", 7)  # indexed again by the new code before the migration
    _insert_document("issue", 8)
    call_command("migrate", "search", verbosity=0)

    with connection.cursor() as cursor:
        cursor.execute("SELECT type, object_id, title FROM search_document ORDER BY object_id")
        assert cursor.fetchall() == [("issues", 7, "issues 7"), ("issues", 8, "issue 8")]
