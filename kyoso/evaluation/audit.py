"""The evaluation app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

HIGHLIGHTS_SAVED = "evaluation.highlights_saved"
PUBLISHED = "evaluation.published"
WITHDRAWN = "evaluation.withdrawn"

ACTIONS = [
    (HIGHLIGHTS_SAVED, _("評価報告書の記述の保存")),
    (PUBLISHED, _("評価報告書の公開")),
    (WITHDRAWN, _("評価報告書の公開停止")),
]
