"""The missions app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CREATED = "mission.created"
UPDATED = "mission.updated"
PUBLISHED = "mission.published"
CLOSED = "mission.closed"
QUESTIONS_CHANGED = "mission.questions_changed"
APPLIED = "mission.applied"
APPLICATION_MOVED = "mission.application_moved"

ACTIONS = [
    (CREATED, _("ミッションの作成")),
    (UPDATED, _("ミッションの編集")),
    (PUBLISHED, _("ミッションの公開")),
    (CLOSED, _("ミッションの募集終了")),
    (QUESTIONS_CHANGED, _("ミッションの質問の変更")),
    (APPLIED, _("ミッションへの応募")),
    (APPLICATION_MOVED, _("ミッションの応募の状態変更")),
]
