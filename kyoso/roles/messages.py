"""User-facing messages of the roles app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

ROLE_GRANTED = _("「%(holder)s」に「%(role)s」の役割を付与しました。")
ROLE_ALREADY_HELD = _("「%(holder)s」は既に「%(role)s」の役割を持っています。")
ROLE_REVOKED = _("「%(holder)s」の「%(role)s」の役割を解除しました。")
ROLE_NOT_HELD = _("「%(holder)s」は「%(role)s」の役割を持っていません（既に解除されています）。")
ROLE_UNKNOWN = _("役割の種類が正しくありません。一覧から選んでください。")
HOLDER_REQUIRED = _(
    "役割を付与する相手として、メールアドレスか団体のURL用の名前のどちらか一方を入力してください。"
)
HOLDER_BOTH = _("メールアドレスと団体のURL用の名前は、どちらか一方だけを入力してください。")
SECRETARIAT_ONLY_FOR_PEOPLE = _("事務局の役割は個人にのみ付与できます。団体には付与できません。")
LAST_SECRETARIAT = _(
    "事務局の役割を持つ人が他にいないため、この役割は解除できません。"
    "先に別の人に事務局の役割を付与してください。"
)
USER_NOT_FOUND = _("メールアドレス「%(email)s」で登録している利用者は見つかりません。")
USER_INACTIVE = _("「%(email)s」のアカウントは利用できない状態のため、役割を付与できません。")
ORGANIZATION_NOT_FOUND = _("URL用の名前が「%(slug)s」の団体は見つかりません。")
REVOKE_INVALID = _(
    "解除する役割を特定できませんでした。一覧を読み込み直してからもう一度お試しください。"
)
