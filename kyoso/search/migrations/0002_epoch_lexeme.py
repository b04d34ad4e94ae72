# PostgreSQL only: every vector also holds the lexeme 0epoch<n> of its document's epoch
# (document_id / 65,536), so that the newest matches are found through the GIN index alone
# (decision 0009); and the wide columns of search_text move out of the table's rows
# (toast_tuple_target), so that reading the rows that match reads little.
from django.db import migrations

from kyoso.search.migrations._vendor import RunSQLOn

VECTOR = """
    ALTER TABLE search_text ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')
        || array_to_tsvector(ARRAY['0epoch' || (document_id / {epoch})::text])
    ) STORED
"""
OLD_VECTOR = """
    ALTER TABLE search_text ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')
    ) STORED
"""


def _replace(vector: str, target: int) -> list[str]:
    return [
        "DROP INDEX IF EXISTS search_text_vector",
        "ALTER TABLE search_text DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE search_text SET (toast_tuple_target = {target})",
        vector,
        "CREATE INDEX search_text_vector ON search_text USING gin (search_vector)",
    ]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        RunSQLOn(
            "postgresql",
            _replace(VECTOR.format(epoch=65_536), 128),
            _replace(OLD_VECTOR, 2032),
        ),
    ]
