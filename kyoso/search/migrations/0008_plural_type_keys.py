# The search types are named by one rule (kyoso.search.registry.register): a lower-case English
# plural. The documents indexed under the old keys are renamed so that they are found at once,
# without a rebuild of the index. Only search_document holds the key (search_text and the
# full-text index are keyed by the document's id). A document already indexed under the new
# key (written by the new code before this migration ran) is newer: the old one is dropped.
from django.db import migrations

#: old key → new key
RENAMED = {
    "issue": "issues",
    "event": "events",
    "community": "communities",
    "orgs": "organizations",
    "person": "people",
}


def _rename(apps, renamed: dict[str, str]) -> None:
    SearchDocument = apps.get_model("search", "SearchDocument")
    for old, new in renamed.items():
        newer = SearchDocument.objects.filter(type=new).values("object_id")
        SearchDocument.objects.filter(type=old, object_id__in=newer).delete()
        SearchDocument.objects.filter(type=old).update(type=new)


def forwards(apps, schema_editor) -> None:
    _rename(apps, RENAMED)


def backwards(apps, schema_editor) -> None:
    _rename(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [("search", "0007_local_synonyms")]

    operations = [migrations.RunPython(forwards, backwards)]
