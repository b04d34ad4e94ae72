"""Messages of the demo loader, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

REFUSED_IN_PRODUCTION = _(
    "本番モード（KYOSO_MODE=production）ではデモデータを読み込めません。"
    "デモ用のアカウントとパスワードは本番のサイトには作りません。"
)
LOADED = _("デモデータを読み込みました。")
UNCHANGED = _("デモデータは読み込み済みです。変更はありませんでした。")
SUMMARY_LINE = _("%(label)s: 追加 %(created)d件（全%(total)d件）")
PASSWORD_LINE = _("共通のデモ用パスワード: %(password)s")
LOGINS_HEADING = _("ログインできるアカウント:")

KIND_LABELS = {
    "users": _("利用者"),
    "campaigns": _("クラウドファンディング"),
    "profiles": _("プロフィール"),
    "organizations": _("団体"),
    "memberships": _("団体のメンバー"),
    "roles": _("役割"),
    "site_pages": _("固定ページ"),
    "issues": _("課題"),
    "events": _("イベント"),
    "communities": _("共創コミュニティ"),
    "community_memberships": _("コミュニティのメンバー"),
    "board_posts": _("掲示板の投稿"),
    "issue_comments": _("課題へのコメント"),
    "empathy": _("共感"),
    "follows": _("課題のフォロー"),
    "help_offers": _("「手伝えます」の申し出"),
    "board_comments": _("掲示板のコメント"),
    "upcoming_events": _("これからのイベント"),
    "event_registrations": _("イベントの申込"),
    "pitches": _("アイデアのピッチ"),
    "hubs": _("拠点"),
    "hub_bookings": _("拠点の予約"),
    "archive": _("アーカイブの記事"),
    "passwords_reset": _("デモ用パスワードに戻したアカウント"),
}
