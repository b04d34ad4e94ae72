"""The campaigns app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CREATED = "campaign.created"
UPDATED = "campaign.updated"
OPENED = "campaign.opened"
ENDED = "campaign.ended"
TIER_ADDED = "campaign.tier_added"
PLEDGED = "campaign.pledged"
PLEDGE_CANCELLED = "campaign.pledge_cancelled"

ACTIONS = [
    (CREATED, _("キャンペーンの作成")),
    (UPDATED, _("キャンペーンの編集")),
    (OPENED, _("キャンペーンの募集開始")),
    (ENDED, _("キャンペーンの終了")),
    (TIER_ADDED, _("リターンの追加")),
    (PLEDGED, _("キャンペーンへの支援")),
    (PLEDGE_CANCELLED, _("支援の取消")),
]
