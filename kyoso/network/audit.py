"""The network app's audit actions (registered with ``kyoso.audit.registry``)."""

from django.utils.translation import gettext_lazy as _

INTRO_REQUESTED = "network.intro_requested"
INTRO_BROKERED = "network.intro_brokered"
INTRO_ANSWERED = "network.intro_answered"
BLOCKED = "network.blocked"
UNBLOCKED = "network.unblocked"
ADVISOR_SAVED = "network.advisor_saved"
ADVICE_REQUESTED = "network.advice_requested"
ADVICE_MOVED = "network.advice_moved"
ADVICE_RECORDED = "network.advice_recorded"

ACTIONS = [
    (INTRO_REQUESTED, _("紹介の依頼")),
    (INTRO_BROKERED, _("紹介の仲介")),
    (INTRO_ANSWERED, _("紹介への返事")),
    (BLOCKED, _("紹介のブロック")),
    (UNBLOCKED, _("紹介のブロック解除")),
    (ADVISOR_SAVED, _("アドバイザーの登録・変更")),
    (ADVICE_REQUESTED, _("相談の依頼")),
    (ADVICE_MOVED, _("相談の状態変更")),
    (ADVICE_RECORDED, _("助言の記録")),
]
