"""People of the demo region: accounts, profiles, memberships and personal roles.

Every person here is invented. Their work places and the activities in their bios come from
seeds 000 (Sendai) and 001 (Sakata); see ``organizations.py`` for the organizations.

Each person is a plain dict; append new ones at the end. Keys:

- ``key`` (used in ``affiliations.py``), ``email`` (natural key, always
  ``@demo.kyoso.invalid``), ``label`` (printed next to the login by ``kyoso demo``),
  ``display_name``, ``family_name``, ``given_name`` and their ``*_kana``, ``is_staff``;
- ``profile``: keyword arguments for ``accounts.Profile`` — ``bio``, ``skills``, ``themes``,
  ``sectors`` (``Sector`` values), ``municipality`` (JIS code or ``None``), the
  ``available_*`` flags, ``contact_preference`` and ``visibility`` (only the fields whose
  visibility differs from ``Profile.VISIBLE_FIELDS``).
"""

from kyoso.accounts.models import ContactPreference as C
from kyoso.accounts.models import Sector as S
from kyoso.accounts.models import Visibility as V

SENDAI = "04100"
SAKATA = "06204"

#: The person who runs the platform; created first, grants roles and verifies organizations.
SECRETARIAT_KEY = "sato"

PEOPLE: list[dict] = [
    {
        "key": "sato",
        "email": "sato@demo.kyoso.invalid",
        "label": "事務局 佐藤（せんだい・みやぎソーシャルハブ）",
        "display_name": "佐藤 花子",
        "family_name": "佐藤",
        "given_name": "花子",
        "family_name_kana": "サトウ",
        "given_name_kana": "ハナコ",
        "is_staff": True,
        "profile": {
            "bio": (
                "せんだい・みやぎソーシャルハブの事務局です。情報交換会の企画と進行、"
                "課題を持ち込んだ人と力になれる人・団体の橋渡しをしています。"
                "困りごとの種でも、まずは気軽に声をかけてください。"
            ),
            "skills": ["ファシリテーション", "コーディネート", "広報"],
            "themes": ["市民協働", "地域の担い手", "官民連携"],
            "sectors": [S.NPO],
            "municipality": SENDAI,
            "available_advice": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC, "contact": V.PUBLIC},
        },
    },
    {
        "key": "suzuki",
        "email": "suzuki@demo.kyoso.invalid",
        "label": "市民 鈴木（仙台市・町内会）",
        "display_name": "鈴木 一郎",
        "family_name": "鈴木",
        "given_name": "一郎",
        "family_name_kana": "スズキ",
        "given_name_kana": "イチロウ",
        "is_staff": False,
        "profile": {
            "bio": (
                "仙台市青葉区の町内会で役員をしています。会員の高齢化で行事の担い手が"
                "見つからず、若い世代と一緒に地域を回す方法を探しています。"
            ),
            "skills": ["地域行事の運営", "会計"],
            "themes": ["町内会", "地域の担い手", "防災"],
            "sectors": [S.CITIZEN],
            "municipality": SENDAI,
            "available_volunteer": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.SECRETARIAT},
        },
    },
    {
        "key": "takahashi",
        "email": "takahashi@demo.kyoso.invalid",
        "label": "登録したばかりの市民 高橋（酒田市、役割なし）",
        "display_name": "高橋 翔",
        "family_name": "高橋",
        "given_name": "翔",
        "family_name_kana": "タカハシ",
        "given_name_kana": "ショウ",
        "is_staff": False,
        "profile": {
            "bio": "",
            "skills": [],
            "themes": ["子育て"],
            "sectors": [S.CITIZEN],
            "municipality": SAKATA,
            "contact_preference": C.PLATFORM,
            "visibility": {},
        },
    },
    {
        "key": "tanaka",
        "email": "tanaka@demo.kyoso.invalid",
        "label": "NPO職員 田中（都市デザインワークス）",
        "display_name": "田中 美咲",
        "family_name": "田中",
        "given_name": "美咲",
        "family_name_kana": "タナカ",
        "given_name_kana": "ミサキ",
        "is_staff": False,
        "profile": {
            "bio": (
                "都市デザインワークスで、ソーシャルハブの情報交換会の運営と、活動団体や"
                "企業への聞き取りを担当しています。聞き取りの記録はnoteで公開しています。"
            ),
            "skills": ["ヒアリング", "イベント運営", "図解"],
            "themes": ["まちづくり", "公共空間", "若者の参加"],
            "sectors": [S.NPO],
            "municipality": SENDAI,
            "available_volunteer": True,
            "available_advice": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
    {
        "key": "ito",
        "email": "ito@demo.kyoso.invalid",
        "label": "NPO職員 伊藤（パーソナルサポートセンター）",
        "display_name": "伊藤 健太",
        "family_name": "伊藤",
        "given_name": "健太",
        "family_name_kana": "イトウ",
        "given_name_kana": "ケンタ",
        "is_staff": False,
        "profile": {
            "bio": (
                "パーソナルサポートセンターで、生活の困りごとを抱える人の相談に関わって"
                "います。支援の担い手どうしが分野をこえてつながる場を増やしたいです。"
            ),
            "skills": ["相談支援", "情報発信"],
            "themes": ["生活困窮", "若者支援", "居場所"],
            "sectors": [S.NPO],
            "municipality": SENDAI,
            "contact_preference": C.PLATFORM,
            "visibility": {},
        },
    },
    {
        "key": "watanabe",
        "email": "watanabe@demo.kyoso.invalid",
        "label": "中間支援 渡辺（せんだい・みやぎNPOセンター）",
        "display_name": "渡辺 真理子",
        "family_name": "渡辺",
        "given_name": "真理子",
        "family_name_kana": "ワタナベ",
        "given_name_kana": "マリコ",
        "is_staff": False,
        "profile": {
            "bio": (
                "せんだい・みやぎNPOセンターの職員で、仙台市市民活動サポートセンターの"
                "窓口で団体の立ち上げや運営の相談を受けています。"
            ),
            "skills": ["団体運営の相談", "助成金申請の支援", "コーディネート"],
            "themes": ["市民活動", "中間支援", "助成金"],
            "sectors": [S.NPO],
            "municipality": SENDAI,
            "available_advice": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
    {
        "key": "yamamoto",
        "email": "yamamoto@demo.kyoso.invalid",
        "label": "企業 山本（東北電力）",
        "display_name": "山本 大輔",
        "family_name": "山本",
        "given_name": "大輔",
        "family_name_kana": "ヤマモト",
        "given_name_kana": "ダイスケ",
        "is_staff": False,
        "profile": {
            "bio": (
                "東北電力で地域活性化の施策を担当しています。まちづくり元気塾や助成プログラムに"
                "集まった地域の課題を、NPOや自治体と一緒に解く方法を探しています。"
            ),
            "skills": ["事業企画", "DX", "助成プログラムの運営"],
            "themes": ["SDGs", "デジタル化", "地域活性化"],
            "sectors": [S.COMPANY],
            "municipality": SENDAI,
            "available_advice": True,
            "contact_preference": C.EMAIL,
            "visibility": {"availability": V.PUBLIC},
        },
    },
    {
        "key": "nakamura",
        "email": "nakamura@demo.kyoso.invalid",
        "label": "大学研究者 中村（杜の都共創大学）",
        "display_name": "中村 由紀",
        "family_name": "中村",
        "given_name": "由紀",
        "family_name_kana": "ナカムラ",
        "given_name_kana": "ユキ",
        "is_staff": False,
        "profile": {
            "bio": (
                "杜の都共創大学 地域連携研究センターの研究員です。市民活動団体・企業・行政の"
                "ネットワークが、協働によってどう変わるかを調べています。調査への協力を"
                "お願いすることがあります。"
            ),
            "skills": ["社会調査", "ネットワーク分析", "統計"],
            "themes": ["社会関係資本", "市民協働", "評価"],
            "sectors": [S.UNIVERSITY],
            "municipality": SENDAI,
            "available_advice": True,
            "available_side_job": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
    {
        "key": "kobayashi",
        "email": "kobayashi@demo.kyoso.invalid",
        "label": "自治体職員 小林（仙台市）",
        "display_name": "小林 誠",
        "family_name": "小林",
        "given_name": "誠",
        "family_name_kana": "コバヤシ",
        "given_name_kana": "マコト",
        "is_staff": False,
        "profile": {
            "bio": (
                "仙台市で協働まちづくりを担当しています。市として抱える課題を公開し、"
                "市民や企業からの提案を受け止める窓口役です。"
            ),
            "skills": ["庁内調整", "オープンデータ"],
            "themes": ["協働のまちづくり", "官民連携", "オープンデータ"],
            "sectors": [S.GOVERNMENT],
            "municipality": SENDAI,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
    {
        "key": "kato",
        "email": "kato@demo.kyoso.invalid",
        "label": "自治体職員 加藤（酒田市）",
        "display_name": "加藤 恵",
        "family_name": "加藤",
        "given_name": "恵",
        "family_name_kana": "カトウ",
        "given_name_kana": "メグミ",
        "is_staff": False,
        "profile": {
            "bio": (
                "酒田市で産業振興を担当し、地域再生計画の進み具合（KPI）の取りまとめをして"
                "います。毎年9月の検証に向けて、コミュニティの皆さんの声を集めています。"
            ),
            "skills": ["計画策定", "補助金制度", "KPI管理"],
            "themes": ["産業振興", "共創コミュニティ", "移住・起業"],
            "sectors": [S.GOVERNMENT],
            "municipality": SAKATA,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
    {
        "key": "yamada",
        "email": "yamada@demo.kyoso.invalid",
        "label": "サンロク コンシェルジュ 山田（酒田市）",
        "display_name": "山田 剛",
        "family_name": "山田",
        "given_name": "剛",
        "family_name_kana": "ヤマダ",
        "given_name_kana": "ツヨシ",
        "is_staff": False,
        "profile": {
            "bio": (
                "サンロクのコンシェルジュです。事業者の相談を受けてプロジェクト全体を見渡し、"
                "チーム庄内への登壇や三十六人衆への相談をお手伝いします。"
            ),
            "skills": ["事業相談", "コミュニティ運営", "イベント企画"],
            "themes": ["共創コミュニティ", "新規事業", "ローカルファンド"],
            "sectors": [S.GOVERNMENT, S.COMPANY],
            "municipality": SAKATA,
            "available_advice": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC, "contact": V.PUBLIC},
        },
    },
    {
        "key": "yoshida",
        "email": "yoshida@demo.kyoso.invalid",
        "label": "金融機関 吉田（庄内みなと信用金庫）",
        "display_name": "吉田 直樹",
        "family_name": "吉田",
        "given_name": "直樹",
        "family_name_kana": "ヨシダ",
        "given_name_kana": "ナオキ",
        "is_staff": False,
        "profile": {
            "bio": (
                "地域の信用金庫で法人営業をしています。融資になじみにくい社会課題解決型の"
                "事業にもお金が届くよう、ローカルファンドの設計に関わっています。"
            ),
            "skills": ["資金調達の相談", "事業計画", "融資"],
            "themes": ["ローカルファンド", "創業支援"],
            "sectors": [S.FINANCE],
            "municipality": SAKATA,
            "available_advice": True,
            "contact_preference": C.EMAIL,
            "visibility": {"contact": V.SECRETARIAT},
        },
    },
    {
        "key": "sasaki",
        "email": "sasaki@demo.kyoso.invalid",
        "label": "副業人材 佐々木（首都圏在住）",
        "display_name": "佐々木 彩",
        "family_name": "佐々木",
        "given_name": "彩",
        "family_name_kana": "ササキ",
        "given_name_kana": "アヤ",
        "is_staff": False,
        "profile": {
            "bio": (
                "首都圏のIT企業でマーケティングをしながら、副業で地域の仕事に関わりたいと"
                "考えています。ミッションがはっきりした案件なら、オンラインと月1回の現地訪問で"
                "お手伝いできます。"
            ),
            "skills": ["デジタルマーケティング", "EC運営", "データ分析"],
            "themes": ["販路開拓", "デジタル化", "関係人口"],
            "sectors": [S.COMPANY],
            "municipality": None,
            "available_side_job": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.SECRETARIAT, "municipality": V.MEMBERS},
        },
    },
    {
        "key": "yamaguchi",
        "email": "yamaguchi@demo.kyoso.invalid",
        "label": "三十六人衆 アドバイザー 山口",
        "display_name": "山口 誠一郎",
        "family_name": "山口",
        "given_name": "誠一郎",
        "family_name_kana": "ヤマグチ",
        "given_name_kana": "セイイチロウ",
        "is_staff": False,
        "profile": {
            "bio": (
                "食品メーカーの経営に長く携わり、いまは三十六人衆の一人として、共創コミュニティ"
                "からの相談に乗っています。商品づくりや販路について、人の紹介もできます。"
            ),
            "skills": ["経営", "商品開発", "販路開拓"],
            "themes": ["食", "ものづくり", "事業承継"],
            "sectors": [S.COMPANY],
            "municipality": SAKATA,
            "available_advice": True,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC, "availability": V.PUBLIC},
        },
    },
    {
        "key": "matsumoto",
        "email": "matsumoto@demo.kyoso.invalid",
        "label": "フリーランス 松本（サンロクIT女子）",
        "display_name": "松本 あゆみ",
        "family_name": "松本",
        "given_name": "あゆみ",
        "family_name_kana": "マツモト",
        "given_name_kana": "アユミ",
        "is_staff": False,
        "profile": {
            "bio": (
                "酒田でフリーランスのWebデザイナーをしています。子育てと両立しながら、"
                "地元のお店や農家さんのホームページやSNSをお手伝いしています。"
            ),
            "skills": ["Webデザイン", "SNS運用", "スマホ講座"],
            "themes": ["女性の働き方", "デジタル化", "子育て"],
            "sectors": [S.CITIZEN, S.COMPANY],
            "municipality": SAKATA,
            "available_side_job": True,
            "available_volunteer": True,
            "contact_preference": C.PLATFORM,
            "visibility": {},
        },
    },
    {
        "key": "saito",
        "email": "saito@demo.kyoso.invalid",
        "label": "農業者 斎藤（庄内農業共創研究会）",
        "display_name": "斎藤 隆",
        "family_name": "斎藤",
        "given_name": "隆",
        "family_name_kana": "サイトウ",
        "given_name_kana": "タカシ",
        "is_staff": False,
        "profile": {
            "bio": (
                "酒田で米と枝豆をつくっています。仲間の農家と販路を共同で開き、テック系の"
                "ベンチャーと組んで作業の省力化にも挑戦中です。"
            ),
            "skills": ["稲作", "農産物の加工", "直販"],
            "themes": ["農業", "販路開拓", "スマート農業"],
            "sectors": [S.COMPANY],
            "municipality": SAKATA,
            "contact_preference": C.PLATFORM,
            "visibility": {"full_name": V.PUBLIC},
        },
    },
]
