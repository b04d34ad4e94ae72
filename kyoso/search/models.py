"""The search index: one narrow row per searchable object and one row of its text.

``search_document`` holds what a result shows and what ranking and visibility need (type,
object id, title, url, and the title's terms, which the ranking reads for every candidate);
``search_text`` holds the indexed terms, the body for snippets and the folded text for
phrases. Keeping them apart keeps the rows that every match is joined to small (several times
faster on SQLite when a word matches thousands of documents). On SQLite the title's terms are
in both: ``search_text`` feeds them to the full-text index and the ranking reads them from
``search_document``; on PostgreSQL only ``search_text`` keeps them (the window's candidates
are read with them from its rows).

The full-text side lives outside the models, created by migration 0001 for each database:

- SQLite: ``search_fts``, an FTS5 table over ``title_terms`` and ``body_terms`` with
  ``search_text`` as its external content, kept in step by three triggers;
- PostgreSQL: the column ``search_text.search_vector``, a stored generated ``tsvector``
  ('simple' configuration, title weighted A, body D) with a GIN index.

Both read the same space-separated encoded terms, so both match the same documents.
"""

from django.db import models


class SearchDocument(models.Model):
    type = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.TextField()
    #: The encoded terms of the title, as SearchText.title_terms, on SQLite only, where the
    #: ranking reads them for each candidate from this narrow row; empty on PostgreSQL, which
    #: reads them from the text row with the match (kyoso.search.backends).
    title_terms = models.TextField(blank=True, default="")
    url = models.CharField(max_length=500)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["type", "object_id"], name="search_document_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.object_id}"


class SearchText(models.Model):
    document = models.OneToOneField(
        SearchDocument, on_delete=models.CASCADE, primary_key=True, related_name="text"
    )
    body = models.TextField(blank=True)
    #: Encoded terms (kyoso.search.text.index_text) of the title and of the body.
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    #: Title and body folded (kyoso.search.text.fold_text), one per line: quoted phrases are
    #: checked against it.
    folded = models.TextField(blank=True)

    class Meta:
        db_table = "search_text"

    def __str__(self) -> str:
        return f"text of {self.document_id}"
