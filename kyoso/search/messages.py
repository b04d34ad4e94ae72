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
SYNONYMS_SEARCHED = _("同じ意味の言葉も探しました: %(words)s")
EXPANSION_CAPPED = _(
    '同じ意味の言葉が多いため、その一部だけを探しました。言葉を「"」で囲むと、書いたとおりに探します。'
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

# --- Local synonyms (the secretariat's page) -------------------------------------------------
SYNONYMS_TOO_FEW = _("同じ意味の語を2つ以上、1行に1つずつ入力してください。")
SYNONYMS_TOO_MANY = _(
    "1つのグループに入れられる語は%(limit)s個までです（%(count)s個入力されています）。"
    "グループを分けて登録してください。"
)
SYNONYM_EMPTY = _("空の語があります。語を入力するか、その行を削除してください。")
SYNONYM_TOO_LONG = _("「%(word)s」は長すぎます。1つの語は%(limit)s文字までにしてください。")
SYNONYM_NOT_SEARCHABLE = _(
    "「%(word)s」には検索できる言葉が含まれていません。記号や助詞だけの語は登録できません。"
)
SYNONYM_SAME_AS_OTHER = _(
    "「%(word)s」と「%(other)s」は検索では同じ語として扱われます（ひらがなとカタカナ、"
    "全角と半角、大文字と小文字の違いは検索で区別しません）。どちらか一方だけを入力してください。"
)
SYNONYMS_ADDED = _("地域の同義語「%(words)s」を追加しました。次の検索から使われます。")
SYNONYMS_CHANGED = _("地域の同義語「%(words)s」を変更しました。次の検索から使われます。")
SYNONYMS_UNCHANGED = _("変更はありませんでした。")
SYNONYMS_DELETED = _("地域の同義語「%(words)s」を削除しました。")
SYNONYM_NOTE_TOO_LONG = _("メモは%(limit)s文字までにしてください。")
SYNONYMS_GONE = _("この同義語のグループは既に削除されています。一覧から登録し直してください。")
SYNONYMS_ALREADY_DELETED = _("この同義語のグループは既に削除されていました。")

# --- evaluate_search -------------------------------------------------------------------------
EVALUATE_REFUSED_IN_PRODUCTION = _(
    "本番モード（KYOSO_MODE=production）では検索の評価を実行しません。"
    "評価はデモデータを使うため、開発用の環境で実行してください。"
)
EVALUATE_DATASET_ERROR = _("評価用のデータに誤りがあります: %(error)s")
EVALUATE_NO_SECTION = _("%(path)s に %(vendor)s の節の目印 %(marker)s がありません。")
EVALUATE_WRITTEN = _("%(path)s の %(vendor)s の節を更新しました。")
EVALUATE_JSON_WRITTEN = _("結果の詳細を %(path)s に書き出しました。")
