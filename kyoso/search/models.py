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

The local synonyms the secretariat keeps (``LocalSynonymGroup`` and its ``LocalSynonymWord``
rows) are read by the query side only (kyoso.search.synonyms_local); nothing is reindexed when
they change.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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


class LocalSynonymGroup(models.Model):
    """Words and phrases that mean the same thing in this region (サンロク, 酒田市産業振興
    まちづくりセンター): a search for one also looks for the others.

    A group is an unordered set, and a search expands a word only to the other words of the
    groups it is in, never further: two groups that share a word are not joined, so no chain
    or loop (A→B→A) can form whatever the secretariat enters.
    """

    note = models.CharField(_("メモ"), max_length=200, blank=True)
    #: Kept when the author leaves (the row is the site's, not the person's): SET_NULL as the
    #: other staff-authored rows (site pages, role grants); user rows are only anonymized.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_local_synonym_group"
        verbose_name = _("地域の同義語")
        verbose_name_plural = _("地域の同義語")

    def __str__(self) -> str:
        # Reads the words: prefetch them (selectors and services do) to keep this query-free.
        return " / ".join(word.word for word in self.words.all())


class LocalSynonymWord(models.Model):
    """One word of a group: as the secretariat wrote it, and folded for look-ups."""

    group = models.ForeignKey(LocalSynonymGroup, on_delete=models.CASCADE, related_name="words")
    #: The order in which the words were entered (the form shows them back in it).
    position = models.PositiveSmallIntegerField()
    #: As entered, tidied (kyoso.core.text.tidy_text): 全角 punctuation kept.
    word = models.CharField(max_length=50)
    #: kyoso.search.text.fold(kyoso.core.text.normalize_text(word)); casefolding may lengthen
    #: a word (ß → ss), hence the room.
    folded = models.CharField(max_length=200, db_index=True)

    class Meta:
        db_table = "search_local_synonym_word"
        ordering = ["group_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["group", "folded"], name="search_synonym_word_once"),
            models.UniqueConstraint(
                fields=["group", "position"], name="search_synonym_word_position"
            ),
        ]

    def __str__(self) -> str:
        return self.word
