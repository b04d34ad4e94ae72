"""The concierge app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

CONCIERGE_ADDED = "concierge.added"
CONCIERGE_REMOVED = "concierge.removed"
SLOT_CREATED = "concierge.slot_created"
BOOKED = "concierge.booked"
WALK_IN = "concierge.walk_in"
MOVED = "concierge.moved"
RECORDED = "concierge.recorded"
INTRODUCED = "concierge.introduced"
FOLLOWED_UP = "concierge.followed_up"

ACTIONS = [
    (CONCIERGE_ADDED, _("コンシェルジュの登録")),
    (CONCIERGE_REMOVED, _("コンシェルジュの登録解除")),
    (SLOT_CREATED, _("相談枠の作成")),
    (BOOKED, _("相談の予約")),
    (WALK_IN, _("飛び込みの相談の記録")),
    (MOVED, _("相談の状態変更")),
    (RECORDED, _("相談の記録")),
    (INTRODUCED, _("紹介の記録")),
    (FOLLOWED_UP, _("相談のフォローアップ")),
]
