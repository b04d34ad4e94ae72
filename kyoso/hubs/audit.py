"""The hubs app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

HUB_CREATED = "hub.created"
HUB_UPDATED = "hub.updated"
SPACE_SAVED = "hub.space_saved"
HOURS_SAVED = "hub.hours_saved"
CLOSURE_SAVED = "hub.closure_saved"
BOOKED = "hub.booked"
SERIES_BOOKED = "hub.series_booked"
CANCELLED = "hub.booking_cancelled"
APPROVED = "hub.booking_approved"
REFUSED = "hub.booking_refused"
CHECKED_IN = "hub.checked_in"
NO_SHOW = "hub.no_show"
PAID = "hub.payment_recorded"
PHOTO_ADDED = "hub.photo_added"
PHOTO_REMOVED = "hub.photo_removed"

ACTIONS = [
    (HUB_CREATED, _("拠点の作成")),
    (HUB_UPDATED, _("拠点の編集")),
    (SPACE_SAVED, _("拠点のスペースの保存")),
    (HOURS_SAVED, _("拠点の開館時間の保存")),
    (CLOSURE_SAVED, _("拠点の休館日の保存")),
    (BOOKED, _("拠点の予約")),
    (SERIES_BOOKED, _("拠点の繰り返し予約")),
    (CANCELLED, _("拠点の予約のキャンセル")),
    (APPROVED, _("拠点の予約の承認")),
    (REFUSED, _("拠点の予約のお断り")),
    (CHECKED_IN, _("拠点のチェックイン")),
    (NO_SHOW, _("拠点の予約の来館なし")),
    (PAID, _("拠点の支払いの記録")),
    (PHOTO_ADDED, _("拠点の写真の追加")),
    (PHOTO_REMOVED, _("拠点の写真の削除")),
]
