"""The KPI app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

INDICATOR_CREATED = "kpi.indicator_created"
INDICATOR_UPDATED = "kpi.indicator_updated"
TARGETS_SET = "kpi.targets_set"
ACTUAL_ENTERED = "kpi.actual_entered"
REFRESHED = "kpi.refreshed"
SURVEY_CREATED = "kpi.survey_created"
SURVEY_EDITED = "kpi.survey_edited"
SURVEY_OPENED = "kpi.survey_opened"
SURVEY_CLOSED = "kpi.survey_closed"

ACTIONS = [
    (INDICATOR_CREATED, _("指標の作成")),
    (INDICATOR_UPDATED, _("指標の変更")),
    (TARGETS_SET, _("目標値の設定")),
    (ACTUAL_ENTERED, _("実績値の入力")),
    (REFRESHED, _("指標の自動集計の更新")),
    (SURVEY_CREATED, _("アンケートの作成")),
    (SURVEY_EDITED, _("アンケートの質問の追加")),
    (SURVEY_OPENED, _("アンケートの送信")),
    (SURVEY_CLOSED, _("アンケートの締め切り")),
]
