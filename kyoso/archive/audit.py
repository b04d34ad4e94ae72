"""The archive's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CREATED = "archive.created"
UPDATED = "archive.updated"
STATUS_CHANGED = "archive.status_changed"
VERSION_PUBLISHED = "archive.version_published"
ATTACHMENT_ADDED = "archive.attachment_added"
ATTACHMENT_REMOVED = "archive.attachment_removed"

ACTIONS = [
    (CREATED, _("アーカイブ記事の作成")),
    (UPDATED, _("アーカイブ記事の編集")),
    (STATUS_CHANGED, _("アーカイブ記事の状態変更")),
    (VERSION_PUBLISHED, _("アーカイブ記事の版の公開")),
    (ATTACHMENT_ADDED, _("アーカイブ記事への資料の追加")),
    (ATTACHMENT_REMOVED, _("アーカイブ記事の資料の削除")),
]
