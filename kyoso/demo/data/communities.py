"""Co-creation communities (共創コミュニティ) of the demo region, from seeds 001 and 000.

Seed 001 (``/work/shared/seeds/001_39eedf24b86ec709.txt``, 酒田市 地域再生計画) names five
kinds of community the city's hub (サンロク) helps private leaders start: agriculture,
manufacturing, the サンロクIT女子 freelancers, a high-school business community and a
community of regional and social-issue businesses (lines 127–139), each around a theme its
leader sets (line 125), supported with チーム庄内, 三十六人衆, the local fund and a coworking
space (line 143). Seed 000 (``/work/shared/seeds/000_38240aa280e4ce2b.txt``) is the Sendai
social hub: its online 情報交換会 (11 in FY2021, のべ128 participants, line 171) and its
Facebook group of about 350 members (line 279). Names of the communities themselves are
written for the demo; the leaders and members are the invented people of ``people.py``.

Each community is a plain dict; append new ones at the end. Keys: ``slug`` (natural key),
``name``, ``theme`` (``kyoso.issues.vocab.Theme`` value), ``municipality`` (JIS code or
``None``), ``join_policy`` (``open`` / ``approval``), ``description``, ``leaders`` and
``members`` (person keys), ``pending`` ((person key, message) requests waiting for the
leaders), ``posts``: dicts with ``title``, ``body``, ``author``, ``pinned``, ``days_ago`` and
``comments`` ((person key, text) in order).
"""

SENDAI = "04100"
SAKATA = "06204"

COMMUNITIES: list[dict] = [
    {
        # seed 001 line 129: shared sales channels, new business with tech ventures.
        "slug": "shonai-nogyo",
        "name": "庄内農業共創コミュニティ",
        "theme": "agriculture",
        "municipality": SAKATA,
        "join_policy": "open",
        "description": (
            "酒田・庄内の農業者が集まり、一軒ではできないことを仲間で進めるコミュニティです。"
            "メンバーで販路を共通化し、外部のテック系ベンチャーと組んで課題解決型の新しい事業を"
            "つくることをテーマにしています。\n"
            "サンロクのコンシェルジュや三十六人衆の助言を受けながら、プロジェクトに育てます。"
        ),
        "leaders": ["saito"],
        "members": ["yoshida", "sasaki", "yamada"],
        "pending": [],
        "posts": [
            {
                "title": "このコミュニティの進め方（はじめに読んでください）",
                "body": (
                    "月に1回、サンロクで定例の集まりをしています。"
                    "テーマは「販路の共通化」と「作業の省力化」の2つです。"
                    "困りごとは、まず掲示板に気軽に書いてください。"
                ),
                "author": "saito",
                "pinned": True,
                "days_ago": 40,
                "comments": [("yamada", "サンロクの会議室は毎月第2木曜に押さえてあります。")],
            },
            {
                "title": "枝豆の共同出荷、今年はどうしますか",
                "body": (
                    "昨年は3軒で首都圏の飲食店向けにまとめて出荷しました。"
                    "今年は参加する農家を増やしたいので、希望があれば教えてください。"
                ),
                "author": "saito",
                "pinned": False,
                "days_ago": 12,
                "comments": [
                    ("yoshida", "運転資金の相談なら、ローカルファンドの説明会も紹介できます。"),
                    ("sasaki", "首都圏の飲食店とのやりとりはオンラインで手伝えます。"),
                ],
            },
        ],
    },
    {
        # seed 001 line 131: IoT talent for diversification and new business.
        "slug": "sakata-monozukuri",
        "name": "酒田ものづくり共創コミュニティ",
        "theme": "industry",
        "municipality": SAKATA,
        "join_policy": "open",
        "description": (
            "酒田の製造業の事業者が、事業の多角化や新しい事業づくりに向けて学び合う"
            "コミュニティです。まずはIoTに詳しい人材を社内外で育てることから始めています。"
        ),
        "leaders": ["yamaguchi"],
        "members": ["kato", "sasaki"],
        "pending": [],
        "posts": [
            {
                "title": "IoT勉強会の第1回を開きます",
                "body": (
                    "工場の設備にセンサーを付けて、稼働状況を見えるようにするところから"
                    "始めます。現場の方の参加を歓迎します。"
                ),
                "author": "yamaguchi",
                "pinned": True,
                "days_ago": 20,
                "comments": [("kato", "市の補助制度で使えるものがないか調べておきます。")],
            },
        ],
    },
    {
        # seed 001 lines 74, 133, 207: skills and work for women IT freelancers; KPI ② is the
        # share reporting improved well-being (24% → 60%).
        "slug": "sanroku-it-joshi",
        "name": "サンロクIT女子フリーランス",
        "theme": "digital",
        "municipality": SAKATA,
        "join_policy": "approval",
        "description": (
            "酒田に住む女性が、デジタルのスキルを仕事（就業・副業・フリーランス）に"
            "活かすためのコミュニティです。地域内外の中小企業から求められるIT関連の仕事に"
            "合わせてスキルアップし、サンロクや連携パートナーから仕事を紹介してもらいます。\n"
            "ホームページ制作、SNSでの発信、EC、クラウド会計の導入など、地域の事業者や"
            "農林水産業者のデジタル化を個人やチームでお手伝いしています。"
            "参加前後で「well-beingが高まった」と答える人の割合を、毎年9月に確かめています。"
        ),
        "leaders": ["matsumoto"],
        "members": ["sasaki"],
        "pending": [
            ("kato", "市で女性の働き方の担当をしています。活動を知りたくて申請しました。"),
        ],
        "posts": [
            {
                "title": "参加のルールと仕事の受け方",
                "body": (
                    "紹介された仕事は、掲示板で手を挙げた人の中からチームをつくって受けます。"
                    "子育て中の人も多いので、打ち合わせはオンラインが基本です。"
                ),
                "author": "matsumoto",
                "pinned": True,
                "days_ago": 30,
                "comments": [],
            },
            {
                "title": "商店街のお店のSNS発信、手伝える人いますか",
                "body": "3店舗分、Instagramの立ち上げと1か月の投稿を手伝う仕事です。",
                "author": "matsumoto",
                "pinned": False,
                "days_ago": 5,
                "comments": [("sasaki", "写真の加工と投稿計画なら担当できます。")],
            },
        ],
    },
    {
        # seed 001 line 137: AI-capable high-school students with やまがたAI部, solving local
        # companies' problems with AI.
        "slug": "sakata-koukousei-business",
        "name": "酒田高校生ビジネスコミュニティ",
        "theme": "education",
        "municipality": SAKATA,
        "join_policy": "approval",
        "description": (
            "AIを扱える高校生を地域で育て、地元企業の課題をAIで解決することに挑戦する"
            "コミュニティです。地域内外の企業でつくる「やまがたAI部」と連携しています。\n"
            "高校生が安心して参加できるよう、参加はリーダーの承認制です。"
        ),
        "leaders": ["yamada"],
        "members": ["yamaguchi", "kato"],
        "pending": [],
        "posts": [
            {
                "title": "地元企業から「AIで解きたい課題」を募集しています",
                "body": (
                    "在庫の予測や問い合わせの分類など、データがある課題を歓迎します。"
                    "高校生と一緒に、夏休みの間に試作します。"
                ),
                "author": "yamada",
                "pinned": True,
                "days_ago": 25,
                "comments": [("yamaguchi", "三十六人衆の会社にも声をかけてみます。")],
            },
        ],
    },
    {
        # seed 001 lines 59–65, 139: regional and social-issue businesses; e.g. matching the
        # staff shortage every community shares with organizations supporting work for people
        # with disabilities.
        "slug": "sakata-social-business",
        "name": "地域づくり・社会課題解決型ビジネスコミュニティ",
        "theme": "community",
        "municipality": SAKATA,
        "join_policy": "open",
        "description": (
            "地域づくりや社会課題の解決に取り組むNPO法人・一般社団法人・中間支援団体などの"
            "コミュニティです。寄付や助成・受託に頼りがちな経営を安定させ、収入源を増やし、"
            "企業と一緒に事業をつくることを目指します。\n"
            "たとえば、障がい者の就労を支える団体と、人手不足に悩むほかのコミュニティを"
            "つなぐマッチングに取り組んでいます。農業×社会課題のように、コミュニティどうしの"
            "掛け合わせも歓迎します。"
        ),
        "leaders": ["yamada", "yoshida"],
        "members": ["saito", "matsumoto"],
        "pending": [],
        "posts": [
            {
                "title": "農福連携の相談会をしませんか",
                "body": (
                    "収穫期の人手が足りない農家と、就労の場を探している福祉の団体を"
                    "つなぐ相談会を考えています。"
                ),
                "author": "yamada",
                "pinned": False,
                "days_ago": 8,
                "comments": [("saito", "枝豆の収穫期（8月）なら、ぜひお願いしたいです。")],
            },
        ],
    },
    {
        # seed 000 lines 171, 279: the online 情報交換会 (regular meetings and theme study
        # sessions) and the Facebook group of about 350 members.
        "slug": "sendai-social-hub",
        "name": "せんだい・みやぎソーシャルハブ",
        "theme": "community",
        "municipality": SENDAI,
        "join_policy": "open",
        "description": (
            "仙台・宮城で社会課題に向き合う市民活動団体、企業、大学、議員、行政職員などが"
            "分野をこえてつながるコミュニティです。オンライン情報交換会（定例会とテーマ勉強会）"
            "を開き、令和3年度は11回でのべ128人が参加しました。\n"
            "情報交換会の告知のほか、気になったニュースや助成金の情報、情報交換会から"
            "立ち上がったプロジェクトの進み具合を掲示板で共有しています"
            "（前身のFacebookグループは令和3年3月末で約350人）。"
        ),
        "leaders": ["watanabe", "tanaka"],
        "members": ["suzuki", "ito", "yamamoto", "nakamura", "kobayashi", "sato"],
        "pending": [],
        "posts": [
            {
                "title": "次回のオンライン情報交換会のお知らせ",
                "body": (
                    "次回の定例会は、町内会の担い手不足をテーマに話します。"
                    "課題を持ち込みたい方は、事前に掲示板へ書き込んでください。"
                ),
                "author": "tanaka",
                "pinned": True,
                "days_ago": 6,
                "comments": [
                    ("suzuki", "町内会の役員をしています。現状を少しお話しできます。"),
                    ("kobayashi", "市の担当課にも共有しておきます。"),
                ],
            },
            {
                "title": "助成金の情報：地域づくり活動の支援",
                "body": "締切が近い助成金をまとめました。詳しくは各団体のページをご覧ください。",
                "author": "watanabe",
                "pinned": False,
                "days_ago": 15,
                "comments": [("ito", "若年女性の支援にも使えそうです。")],
            },
        ],
    },
]
