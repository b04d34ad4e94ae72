"""Messages of the search page and command; tests assert against these (Japanese msgids)."""

from django.utils.translation import gettext_lazy as _

ALL_TYPES = _("すべて")
EMPTY_QUERY = _("キーワードを入力して検索してください。")
NOTHING_TO_SEARCH = _(
    "検索できる語が含まれていません。記号や助詞だけでなく、言葉を入れてお試しください。"
)
NO_RESULTS = _("「%(query)s」に一致するものは見つかりませんでした。")
NO_RESULTS_HINT = _(
    "言葉を短くする、ひらがなやカタカナで書く、除外（-）を外すなどをお試しください。"
)
UNKNOWN_TYPE = _(
    "検索の種類「%(type)s」はありません。すべての種類から検索しました。種類は次のとおりです: "
    "%(choices)s"
)
QUERY_TRUNCATED = _("検索語が長すぎるため、先頭の%(length)s文字で検索しました。")
RESULT_COUNT = _("%(count)s 件")

# --- rebuild_search_index --------------------------------------------------------------------
REBUILD_UNKNOWN_TYPE = _("検索の種類「%(type)s」はありません。使えるもの: %(choices)s")
REBUILD_PROGRESS = _("%(label)s [%(bar)s] %(done)s/%(total)s")
REBUILD_DONE = _("%(label)s: %(count)s 件を索引しました。")
REBUILD_REMOVED = _("登録されていない種類の文書を %(count)s 件削除しました。")

# --- optimize_search_index -------------------------------------------------------------------
OPTIMIZE_PROGRESS = _("索引をまとめています… %(steps)s 回目")
OPTIMIZE_DONE = _("検索の索引をまとめました（%(steps)s 回）。")
