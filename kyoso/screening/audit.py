"""The screening app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

ROUND_CREATED = "screening.round_created"
CRITERIA_REPLACED = "screening.criteria_replaced"
REVIEWER_ADDED = "screening.reviewer_added"
REVIEWER_REMOVED = "screening.reviewer_removed"
ITEM_ADDED = "screening.item_added"
ITEM_WITHDRAWN = "screening.item_withdrawn"
CONFLICT_DECLARED = "screening.conflict_declared"
SCORES_SUBMITTED = "screening.scores_submitted"
DECISION_RECORDED = "screening.decision_recorded"
SCORES_EXPORTED = "screening.scores_exported"

ACTIONS = [
    (ROUND_CREATED, _("審査の作成")),
    (CRITERIA_REPLACED, _("審査の評価項目の変更")),
    (REVIEWER_ADDED, _("審査員の追加")),
    (REVIEWER_REMOVED, _("審査員の削除")),
    (ITEM_ADDED, _("審査対象の追加")),
    (ITEM_WITHDRAWN, _("審査対象の取り下げ")),
    (CONFLICT_DECLARED, _("利益相反の申告")),
    (SCORES_SUBMITTED, _("審査の評価の提出")),
    (DECISION_RECORDED, _("審査の決定")),
    (SCORES_EXPORTED, _("審査の評価のCSV出力")),
]
