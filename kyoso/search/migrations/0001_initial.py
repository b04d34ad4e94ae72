# The search index tables, and their full-text side for each database
# (docs/decisions/0007-japanese-search.md).

import django.db.models.deletion
from django.db import migrations, models

from kyoso.search.migrations._vendor import RunSQLOn


SQLITE_FTS = [
    # External content: the terms are stored once, in search_text; the FTS5 table holds only
    # the index. unicode61 splits on anything but letters and digits, which the encoded terms
    # ([a-z][a-z0-9]*) never contain, so each term is exactly one token.
    # NOTE: a later migration that makes Django rebuild search_text on SQLite (altering a
    # column) drops these triggers with the old table: create them again after it.
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, body_terms,
        content='search_text', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 0'
    )
    """,
    """
    CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.document_id, new.title_terms, new.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.document_id, old.title_terms, old.body_terms);
    END
    """,
    """
    CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.document_id, old.title_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, body_terms)
        VALUES (new.document_id, new.title_terms, new.body_terms);
    END
    """,
]
SQLITE_FTS_REVERSE = [
    "DROP TRIGGER IF EXISTS search_text_au",
    "DROP TRIGGER IF EXISTS search_text_ad",
    "DROP TRIGGER IF EXISTS search_text_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_TSVECTOR = [
    # Stock PostgreSQL, no extension: the 'simple' configuration only lower-cases, and the
    # encoded terms are already lower-case ASCII words. to_tsvector(regconfig, text) is
    # immutable, so the vector can be a stored generated column.
    """
    ALTER TABLE search_text ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'D')
    ) STORED
    """,
    "CREATE INDEX search_text_vector ON search_text USING gin (search_vector)",
]
POSTGRES_TSVECTOR_REVERSE = [
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_text DROP COLUMN IF EXISTS search_vector",
]


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(max_length=40)),
                ('object_id', models.BigIntegerField()),
                ('title', models.TextField()),
                ('url', models.CharField(max_length=500)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'db_table': 'search_document',
            },
        ),
        migrations.CreateModel(
            name='SearchText',
            fields=[
                ('document', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='text', serialize=False, to='search.searchdocument')),
                ('body', models.TextField(blank=True)),
                ('title_terms', models.TextField(blank=True)),
                ('body_terms', models.TextField(blank=True)),
                ('folded', models.TextField(blank=True)),
            ],
            options={
                'db_table': 'search_text',
            },
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.UniqueConstraint(fields=('type', 'object_id'), name='search_document_unique'),
        ),
        RunSQLOn("sqlite", SQLITE_FTS, SQLITE_FTS_REVERSE),
        RunSQLOn("postgresql", POSTGRES_TSVECTOR, POSTGRES_TSVECTOR_REVERSE),
    ]
