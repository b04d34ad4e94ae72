"""The Knowledge Core's archive (issue 19, seed 000 "Archive Gallery"): reports, case studies,
minutes, tips (コツ), interviews and datasets.

An item is a draft → in review → published (for everyone or for members only); every state
change is an append-only :class:`StatusChange`, and every publication (the first and each
later published edit) is an append-only :class:`Version`. Themes and walls are facet values of
the shared vocabulary in :mod:`kyoso.issues.vocab` (not redefined here), kept as
:class:`ItemTag` rows so that every database filters them with an index.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kyoso.issues.vocab import FacetKind, Theme, Wall

TITLE_MAX = 120
SUMMARY_MAX = 400
BODY_MAX = 40_000


class Kind(models.TextChoices):
    REPORT = "report", _("レポート")
    CASE_STUDY = "case_study", _("事例")
    MINUTES = "minutes", _("議事録")
    TIP = "tip", _("コツ")
    INTERVIEW = "interview", _("インタビュー")
    DATASET = "dataset", _("データセット")


class Status(models.TextChoices):
    DRAFT = "draft", _("下書き")
    REVIEW = "review", _("確認待ち")
    PUBLISHED = "published", _("公開")


class Audience(models.TextChoices):
    PUBLIC = "public", _("一般公開")
    MEMBERS = "members", _("会員のみ")


class Item(models.Model):
    kind = models.CharField(_("種類"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("タイトル"), max_length=TITLE_MAX)
    summary = models.CharField(_("概要"), max_length=SUMMARY_MAX, blank=True)
    body = models.TextField(_("本文（Markdown）"), max_length=BODY_MAX, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(
        _("公開範囲"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    #: The year the item is about (a report's 年度, a case's year), for the gallery's filter.
    year = models.PositiveSmallIntegerField(_("年"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="archive_items_created",
    )
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Authorship", related_name="archive_items"
    )
    issues = models.ManyToManyField("issues.Issue", blank=True, related_name="archive_items")
    events = models.ManyToManyField("events.Event", blank=True, related_name="archive_items")
    projects = models.ManyToManyField("projects.Project", blank=True, related_name="archive_items")
    #: Number of the newest published version (0 before the first publication).
    version = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=Status.values), name="archive_item_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values), name="archive_item_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(audience__in=Audience.values),
                name="archive_item_audience_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="archive_item_published_has_moment",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="archive_item_gallery"),
            models.Index(fields=["kind", "status", "-published_at"], name="archive_item_kind"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def _labels(self, kind: str, choices: type[models.TextChoices]) -> list[str]:
        names = dict(choices.choices)
        return [str(names.get(t.value, t.value)) for t in self.tags.all() if t.kind == kind]

    @property
    def wall_labels(self) -> list[str]:
        """Names of the item's walls (from the prefetched tags)."""
        return self._labels(FacetKind.WALL, Wall)

    @property
    def theme_labels(self) -> list[str]:
        return self._labels(FacetKind.THEME, Theme)


class Authorship(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="authorships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="archive_authorships"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "user"], name="archive_author_once")]

    def __str__(self) -> str:
        return f"author {self.user_id} of {self.item_id}"


class ItemTag(models.Model):
    """One facet value of an item: a theme or a wall of :mod:`kyoso.issues.vocab`."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=10, choices=FacetKind.choices)
    value = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "kind", "value"], name="archive_tag_once"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[FacetKind.THEME, FacetKind.WALL]),
                name="archive_tag_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["kind", "value", "item"], name="archive_tag_lookup")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"

    @property
    def label(self) -> str:
        choices = Wall if self.kind == FacetKind.WALL else Theme
        return str(dict(choices.choices).get(self.value, self.value))


class StatusChange(models.Model):
    """Append-only: one row per change of an item's status."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_status} -> {self.to_status}"


class Version(models.Model):
    """Append-only: what was published, each time an item was published or edited while
    published. The item's row holds the newest; older versions are read here by editors."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=TITLE_MAX)
    summary = models.CharField(max_length=SUMMARY_MAX, blank=True)
    body = models.TextField(max_length=BODY_MAX, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="archive_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", _("PDF")
    IMAGE = "image", _("画像")


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=10, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="archive/%Y/%m/")
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
