# PostgreSQL keeps the title's terms once: its ranking reads them from search_text with the
# window's candidates (migration 0003), never from search_document, where migration 0006 had
# copied them for SQLite's sake. Emptied here; kyoso.search.services writes them there on
# SQLite only. Reversing fills them again from search_text. SQLite is unchanged.
from django.db import migrations

from kyoso.search.migrations._vendor import RunSQLOn


class Migration(migrations.Migration):
    dependencies = [("search", "0008_plural_type_keys")]

    operations = [
        RunSQLOn(
            "postgresql",
            ["UPDATE search_document SET title_terms = '' WHERE title_terms <> ''"],
            [
                "UPDATE search_document AS d SET title_terms = t.title_terms "
                "FROM search_text AS t WHERE t.document_id = d.id"
            ],
        ),
    ]
