# The title's encoded terms also on the narrow search_document row, where SQLite's ranking reads
# them for each of a window's 1,000 candidates, instead of from the wide search_text row (its
# body, body terms and folded text around them): about 0.8 ms less a query at 1 M documents.
# PostgreSQL reads them with its candidates from search_text (migration 0003) and keeps both in
# step as SQLite does. Existing rows are filled from search_text here.
from django.db import migrations, models

from kyoso.search.migrations._vendor import RunSQLOn


class Migration(migrations.Migration):
    dependencies = [("search", "0005_sqlite_prefix_index")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="title_terms",
            field=models.TextField(blank=True, default=""),
        ),
        RunSQLOn(
            "sqlite",
            [
                "UPDATE search_document SET title_terms = COALESCE((SELECT t.title_terms "
                "FROM search_text AS t WHERE t.document_id = search_document.id), '')"
            ],
            [],
        ),
        RunSQLOn(
            "postgresql",
            [
                "UPDATE search_document AS d SET title_terms = t.title_terms "
                "FROM search_text AS t WHERE t.document_id = d.id"
            ],
            [],
        ),
    ]
