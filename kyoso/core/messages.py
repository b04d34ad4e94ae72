"""User-facing messages of core's pages, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

HOME_UNKNOWN_MUNICIPALITY = _("その市区町村は見つかりませんでした。地域全体を表示しています。")
HOME_UNKNOWN_COMMUNITY = _("そのコミュニティは見つかりませんでした。地域全体を表示しています。")
