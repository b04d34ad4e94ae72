"""The index follows every write: updates replace old words, deletions remove documents, and
``rebuild_search_index`` makes it whole again."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kyoso.orgs.models import Organization
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.search import messages, registry
from kyoso.search.models import SearchDocument
from kyoso.search.services import index_object, search, unindex_object


def _ids(query: str, **kwargs) -> list[int]:
    return [hit.id for hit in search(query, viewer=None, **kwargs).items]


def _fts_rows() -> int | None:
    """Rows in SQLite's FTS5 index (None on PostgreSQL, where the vector is a column)."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM search_fts_docsize")
        return cursor.fetchone()[0]


def test_an_update_finds_the_new_words_and_not_the_old(db):
    org = OrganizationFactory(name="里山の保全", name_kana="", description="竹林を整備します。")
    assert _ids("竹林") == [org.pk]

    org.name = "海辺の清掃"
    org.description = "漂着ごみを拾います。"
    org.save()

    assert _ids("竹林") == []
    assert _ids("里山") == []
    assert _ids("漂着") == [org.pk]
    assert _ids("海辺") == [org.pk]
    assert SearchDocument.objects.filter(type="organizations", object_id=org.pk).count() == 1
    assert _fts_rows() in {None, 1}


def test_deleting_removes_the_document(db):
    org = OrganizationFactory(name="里山の保全", name_kana="")
    kept = OrganizationFactory(name="里山の学校", name_kana="")

    org.delete()

    assert _ids("里山") == [kept.pk]
    assert not SearchDocument.objects.filter(type="organizations", object_id=org.pk).exists()
    assert _fts_rows() in {None, 1}


def test_unindex_object_removes_and_index_object_restores(db):
    org = OrganizationFactory(name="里山の保全", name_kana="")

    unindex_object(org)
    assert _ids("里山") == []

    index_object(org)
    index_object(org)  # twice is the same as once
    assert _ids("里山") == [org.pk]
    assert SearchDocument.objects.count() == 1


def test_a_document_of_none_removes_the_object_from_the_index(db, people_type, suzuki):
    index_object(suzuki)
    assert _ids("鈴木", types=["people"]) == [suzuki.pk]

    registry.register(
        "people",
        label="人",
        model=type(suzuki),
        document=lambda user: None,
        visible=people_type.visible,
        url=people_type.url,
    )
    index_object(suzuki)

    assert _ids("鈴木", types=["people"]) == []
    assert not SearchDocument.objects.filter(type="people").exists()


@pytest.mark.parametrize("thing", [None, "text", 42, object()])
def test_unregistered_objects_are_ignored(db, thing):
    index_object(thing)
    unindex_object(thing)

    assert SearchDocument.objects.count() == 0


def test_an_unsaved_object_is_ignored(db):
    org = Organization(name="保存前", slug="unsaved", org_type="npo")

    index_object(org)
    unindex_object(org)

    assert SearchDocument.objects.count() == 0


def test_a_rolled_back_write_leaves_no_document(db):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        OrganizationFactory(name="取り消される団体", name_kana="")
        raise RuntimeError

    assert _ids("取り消し") == []
    assert SearchDocument.objects.count() == 0


# --- rebuild_search_index ---------------------------------------------------------------------


def _rebuild(*args: str) -> str:
    out = StringIO()
    call_command("rebuild_search_index", *args, stdout=out)
    return out.getvalue()


def test_rebuild_restores_a_lost_index_with_a_progress_bar(db, people_type, suzuki, takahashi):
    orgs = [OrganizationFactory(name=f"里山の会{n}", name_kana="") for n in range(5)]
    SearchDocument.objects.all().delete()
    assert _ids("里山") == []

    output = _rebuild("--batch-size", "2")

    assert sorted(_ids("里山", limit=50)) == sorted(o.pk for o in orgs)
    assert _ids("鈴木", types=["people"]) == [suzuki.pk]
    lines = output.splitlines()
    assert "団体 [############------------------] 2/5" in lines
    assert "団体 [##############################] 5/5" in lines
    assert str(messages.REBUILD_DONE % {"label": "団体", "count": "5"}) in lines
    assert str(messages.REBUILD_DONE % {"label": "人", "count": "2"}) in lines


def test_rebuild_of_one_type_leaves_the_others(db, people_type, suzuki):
    OrganizationFactory(name="里山の会", name_kana="")
    SearchDocument.objects.all().delete()

    output = _rebuild("--type", "people")

    assert _ids("鈴木", types=["people"]) == [suzuki.pk]
    assert _ids("里山") == []
    assert "団体" not in output


def test_rebuild_removes_documents_of_deleted_objects_and_of_unknown_types(db):
    org = OrganizationFactory(name="里山の会", name_kana="")
    gone = OrganizationFactory(name="里山の跡", name_kana="")
    Organization.objects.filter(pk=gone.pk).delete()  # a queryset delete sends no signal
    SearchDocument.objects.create(type="retired", object_id=1, title="古い種類", url="/")

    output = _rebuild()

    assert _ids("里山") == [org.pk]
    assert not SearchDocument.objects.filter(type="retired").exists()
    assert str(messages.REBUILD_REMOVED % {"count": "1"}) in output.splitlines()


def test_rebuild_refuses_an_unknown_type(db):
    with pytest.raises(CommandError) as error:
        _rebuild("--type", "nothing")

    choices = ", ".join(registry.type_keys())
    expected = messages.REBUILD_UNKNOWN_TYPE % {"type": "nothing", "choices": choices}
    assert str(error.value) == str(expected)


def test_a_new_title_counts_in_the_ranking_after_an_update(db):
    """The ranking reads the title's terms where each database keeps them for it: an edited
    title moves the document at once."""
    older = OrganizationFactory(name="防災の会", name_kana="", description="防災訓練をします。")
    newer = OrganizationFactory(name="町内会", name_kana="", description="防災も考えます。")

    def ranked() -> list[tuple[int, float]]:
        return [
            (hit.id, hit.score)
            for hit in search("防災", viewer=None, types=["organizations"]).items
        ]

    assert ranked() == [(older.pk, 60.0), (newer.pk, 10.0)]
    newer.name = "防災町内会"
    newer.save()
    assert ranked() == [(newer.pk, 60.0), (older.pk, 60.0)]
    older.name = "清掃の会"
    older.save()
    assert ranked() == [(newer.pk, 60.0), (older.pk, 10.0)]
