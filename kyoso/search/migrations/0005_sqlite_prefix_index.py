# SQLite only: the FTS5 table gets prefix indexes for the first one and the first two
# characters of every term (prefix='4 8': a kana or kanji is encoded as "x" + three base-36
# digits, kyoso.search.text.encode_term), as PostgreSQL got its 0p lexemes in 0004. A short
# word's "starts with" query (子 finds 子ども, decision 0007) then reads one doclist, newest
# first, instead of merging the doclists of every term so beginning over the whole index
# (不足* at 1 M documents: 5.7 ms → 0.4 ms for the newest 1,000 matches). Other prefix
# lengths (rare: a character above U+B640, or ASCII beside a kanji) still work, by the merge.
# The index is built again from search_text (about a minute for 1 M documents); the triggers
# on search_text keep working, as they name the table.
from django.db import migrations

from kyoso.search.migrations._vendor import RunSQLOn

TABLE = """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms,
        content='search_text', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 0'{prefix}
    )
"""


def _replace(prefix: str) -> list[str]:
    return [
        "DROP TABLE IF EXISTS search_fts",
        TABLE.format(prefix=prefix),
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


class Migration(migrations.Migration):
    dependencies = [("search", "0004_prefix_lexemes")]

    operations = [
        RunSQLOn("sqlite", _replace(", prefix='4 8'"), _replace("")),
    ]
