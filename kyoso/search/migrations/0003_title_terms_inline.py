# PostgreSQL only: the title's terms stay in the table's rows (storage MAIN: compressed when
# worth it, moved out only when a row would not fit in a page), where 0002's low
# toast_tuple_target had moved them out with the wide columns. Ranking reads them for every
# candidate of a window, once per term asked for: out of line, each read was a TOAST lookup.
# Rows written before this keep their old storage until written again
# (`kyoso manage rebuild_search_index` writes them all).
from django.db import migrations

from kyoso.search.migrations._vendor import RunSQLOn


class Migration(migrations.Migration):
    dependencies = [("search", "0002_epoch_lexeme")]

    operations = [
        RunSQLOn(
            "postgresql",
            ["ALTER TABLE search_text ALTER COLUMN title_terms SET STORAGE MAIN"],
            ["ALTER TABLE search_text ALTER COLUMN title_terms SET STORAGE EXTENDED"],
        ),
    ]
