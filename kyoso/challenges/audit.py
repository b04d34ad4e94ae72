"""The challenges app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CREATED = "challenge.created"
UPDATED = "challenge.updated"
STATUS_CHANGED = "challenge.status_changed"
QUESTION_ASKED = "challenge.question_asked"
QUESTION_ANSWERED = "challenge.question_answered"
PROPOSAL_SUBMITTED = "challenge.proposal_submitted"
PROPOSAL_UPDATED = "challenge.proposal_updated"
PROPOSAL_DECIDED = "challenge.proposal_decided"
ATTACHMENT_ADDED = "challenge.attachment_added"
ATTACHMENT_REMOVED = "challenge.attachment_removed"
REVIEWERS_CHANGED = "challenge.reviewers_changed"

ACTIONS = [
    (CREATED, _("チャレンジの作成")),
    (UPDATED, _("チャレンジの編集")),
    (STATUS_CHANGED, _("チャレンジの状態変更")),
    (QUESTION_ASKED, _("チャレンジへの質問")),
    (QUESTION_ANSWERED, _("チャレンジの質問への回答")),
    (PROPOSAL_SUBMITTED, _("チャレンジへの提案")),
    (PROPOSAL_UPDATED, _("チャレンジへの提案の編集")),
    (PROPOSAL_DECIDED, _("チャレンジへの提案の採否")),
    (ATTACHMENT_ADDED, _("提案への資料の追加")),
    (ATTACHMENT_REMOVED, _("提案の資料の削除")),
    (REVIEWERS_CHANGED, _("チャレンジの審査員の変更")),
]
