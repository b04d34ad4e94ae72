"""The matching app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

PREFERENCE_CHANGED = "matching.preference_changed"

ACTIONS = [(PREFERENCE_CHANGED, _("マッチングの提案設定の変更"))]
