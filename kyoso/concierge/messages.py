"""User-facing messages of the concierge app (Japanese msgids; tests assert these constants)."""

from django.utils.translation import gettext_lazy as _

FORM_HAS_ERRORS = _("入力内容を確認してください。")
NOT_A_PERSON = _("そのメールアドレスの人は見つかりません。")
ALREADY_CONCIERGE = _("この人はすでにこの拠点のコンシェルジュです。")
CONCIERGE_ADDED = _("コンシェルジュを登録しました。")
CONCIERGE_REMOVED = _("コンシェルジュの登録を外しました。")
SLOT_IN_PAST = _("過去の日時には相談枠を作れません。")
SLOT_TAKEN = _("この相談枠はすでに予約されています。別の枠を選んでください。")
SLOT_DUPLICATE = _("同じ開始日時の相談枠がすでにあります。")
SLOT_STARTED = _("この相談枠はすでに始まっています。")
SLOT_OWN = _("自分の相談枠は予約できません。")
SLOT_CREATED = _("相談枠を作りました。")
BOOKED = _("相談を予約しました。確認のメールを送りました。")
WALK_IN_RECORDED = _("飛び込みの相談を記録しました。")
WALK_IN_NEEDS_PERSON = _("相談者のメールアドレスか名前を入力してください。")
UNKNOWN_THEME = _("テーマの選択肢にない値です。")
MOVE_NOT_ALLOWED = _("この相談はその状態に変更できません。")
CANCEL_NEEDS_BOOKED = _("予約中の相談だけキャンセルできます。")
MOVED = _("相談の状態を変更しました。")
RECORD_NEEDS_HELD = _("実施済みの相談だけ記録を書けます。")
RECORD_SAVED = _("相談の記録を保存しました。")
FOLLOW_UP_NOTE_NEEDS_DATE = _(
    "フォローアップの内容を書くときは、フォローアップ日も入力してください。"
)
FOLLOWED_UP = _("フォローアップ済みにしました。")
FOLLOW_UP_NOT_SET = _("この相談にはフォローアップ日がありません。")
INTRODUCTION_NEEDS_ONE_TARGET = _("紹介先は人か団体のどちらか一つを入力してください。")
INTRODUCTION_SELF = _("同じ人どうしは紹介できません。")
INTRODUCTION_UNKNOWN_ORG = _("その団体は見つかりません。")
INTRODUCTION_ADDED = _("紹介を記録しました。")
FY_INVALID = _("「%(text)s」は年度として読み取れません。「2021」のように西暦で指定してください。")
