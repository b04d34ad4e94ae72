"""Projects (Residence Lab) and missions of the demo region, from seeds 000, 001 and 003.

Seed 000 (``/work/shared/seeds/000_38240aa280e4ce2b.txt``, line 175) tried the Residence Lab
in FY2021 on the sanitary-products distribution raised at the first theme study session: the
resources needed to carry 多賀城市's initiative to other areas were listed and the groups at the
regular meetings were visited for hearings; the fourth study session, on the cash network,
grew out of those hearings. Seed 001 (``001_39eedf24b86ec709.txt``) gives Sakata's hub サンロク,
its チーム庄内 idea events (line 149), the サンロクIT女子 project that shares remote IT work
with 塩尻市 (lines 197, 207–211) and the share office for people who move to Sakata to start a
business (line 201). Seed 003 (``003_7e3a605abdc60a32.txt``, lines 59–79) counts about 1,000
interns at about 500 companies in the 復興・創生インターンシップ and turns an issue into an
intern project. Project and mission texts are written for the demo; the people are the
invented ones of ``people.py``.

Projects are plain dicts; append new ones at the end. Keys: ``title`` (natural key), ``goal``,
``body``, ``stage``, ``themes``, ``municipalities`` (JIS codes), ``organization`` (slug or
``None``), ``issue`` (the title of the demo issue it started from, or ``None``), ``lead`` and
``members`` ((person key, role)), ``needs``, ``trials``, ``hearings``, ``resources``,
``updates`` ((person key, text, days ago)), ``point`` ((lat, lon) or ``None``).

``PROJECT_MISSIONS`` are the projects' missions (format below).
"""

SENDAI = "04100"
TAGAJO = "04209"
SAKATA = "06204"

IT_WOMEN_ISSUE = "塩尻市が受けた業務の一部を、酒田の女性がリモートで担えるようにしたい"

PROJECTS: list[dict] = [
    {
        # seed 000 line 175: the Residence Lab trial on sanitary products.
        "title": "生理用品の無料配布を多賀城から仙台の公共施設へ",
        "goal": "多賀城市の配布の試みを、仙台市内の公共施設3か所で半年間試す",
        "body": (
            "第1回のテーマ勉強会で取り上げた生理用品の配布について、多賀城市の試みを"
            "ほかの地域でも続けられるよう、必要な資源を洗い出し、配布の場所と担い手を"
            "探します。\n\n"
            "定例会に参加している団体を訪ねてヒアリングを重ね、配布を支える寄付と在庫の"
            "しくみ（キャッシュネットワーク）も学びながら進めています。"
        ),
        "stage": "trial",
        "themes": ["gender", "welfare"],
        "municipalities": [SENDAI, TAGAJO],
        "organization": "sendai-miyagi-social-hub",
        "issue": None,
        "lead": "tanaka",
        "members": [("ito", "member"), ("watanabe", "advisor"), ("suzuki", "supporter")],
        "needs": [
            {
                "kind": "place",
                "title": "配布箱を置かせてもらえる公共施設・店舗",
                "description": "トイレの近くに小さな箱を置ける場所を探しています。",
                "skills": [],
                "hours_per_month": None,
                "work_style": "onsite",
            },
            {
                "kind": "skills",
                "title": "配布数を集計して見える化できる人",
                "description": "月に一度、各拠点の補充数を表にまとめて共有したいです。",
                "skills": ["data"],
                "hours_per_month": 4,
                "work_style": "remote",
            },
            {
                "kind": "money",
                "title": "半年分の生理用品の購入費（約12万円）",
                "description": "寄付と企業協賛を組み合わせたいと考えています。",
                "skills": ["fundraising"],
                "hours_per_month": None,
                "work_style": "",
            },
        ],
        "trials": [
            {
                "title": "市民活動サポートセンターでの試験配布",
                "hypothesis": "人目を気にせず受け取れる場所なら、月30個以上が利用される",
                "days_ago_start": 60,
                "days_ago_end": 0,
                "measured": "週ごとの補充数、利用者アンケートの回答",
                "result": "1か月目は42個。夕方の利用が多かった",
                "learned": "補充の担当を曜日で分けると、一人に負担が集まらない",
            }
        ],
        "hearings": [
            {
                "heard_org": "tagajo-city",
                "heard_text": "",
                "days_ago": 75,
                "learned": "配布は学校と公民館から始め、在庫は寄付と市の予算を組み合わせている。",
                "private_notes": "担当者の連絡先は事務局のメモを参照。",
            },
            {
                "heard_org": None,
                "heard_text": "定例会に参加している子ども支援団体3団体",
                "days_ago": 50,
                "learned": "困っている子が声を上げにくい。学校以外の受け取り場所が必要。",
                "private_notes": "",
            },
        ],
        "resources": [
            ("organization", "多賀城市（先行して配布を実施）", "tagajo-city"),
            ("place", "仙台市市民活動サポートセンター", None),
            ("organization", "特定非営利活動法人せんだい・みやぎNPOセンター", None),
        ],
        "updates": [
            ("tanaka", "試験配布の1か月目の集計をしました。42個が利用されました。", 20),
            ("ito", "次のテーマ勉強会で、寄付と在庫のしくみについて学びます。", 8),
        ],
        "point": (38.2618, 140.8752),
    },
    {
        # seed 001 lines 197, 207–211: サンロクIT女子 and the work shared with 塩尻市.
        "title": "サンロクIT女子 リモート業務の共同受託",
        "goal": "塩尻市と分け合う業務を、酒田の女性がチームでリモート受託できるようにする",
        "body": (
            "ITスキルを身につけた市内の女性が、地域内外の中小企業からのIT関連業務を"
            "チームで受託するしくみをつくります。塩尻市が受けた業務の一部を共有してもらい、"
            "品質管理のノウハウも移してもらいます。"
        ),
        "stage": "running",
        "themes": ["gender", "digital", "work"],
        "municipalities": [SAKATA],
        "organization": "sakata-sanroku",
        "issue": IT_WOMEN_ISSUE,
        "lead": "kato",
        "members": [("matsumoto", "member"), ("sasaki", "advisor")],
        "needs": [
            {
                "kind": "skills",
                "title": "ECサイトの更新を手伝える人",
                "description": "商品写真の差し替えと在庫の更新を月に数回。",
                "skills": ["it", "marketing"],
                "hours_per_month": 10,
                "work_style": "remote",
            },
            {
                "kind": "partners",
                "title": "業務を発注してくれる地元の中小企業",
                "description": "ホームページ更新、SNS発信、クラウド会計の入力など。",
                "skills": ["marketing"],
                "hours_per_month": None,
                "work_style": "mixed",
            },
        ],
        "trials": [
            {
                "title": "塩尻市の業務を3人で分担",
                "hypothesis": "手順書があれば、経験の浅いメンバーも期限内に納品できる",
                "days_ago_start": 120,
                "days_ago_end": 30,
                "measured": "納期どおりの納品の割合、手戻りの回数",
                "result": "20件中19件が期限内。手戻りは3件",
                "learned": "最初の2件は経験者と組んで作業すると手戻りが減る",
            }
        ],
        "hearings": [
            {
                "heard_org": None,
                "heard_text": "酒田市内の小売店・農家 5軒",
                "days_ago": 90,
                "learned": "ネット販売の必要は感じているが、誰に頼めばよいかわからない。",
                "private_notes": "",
            }
        ],
        "resources": [
            ("organization", "塩尻市（業務の共有とノウハウ移転）", None),
            ("place", "サンロクのコワーキングスペース", "sakata-sanroku"),
        ],
        "updates": [("kato", "今月は新しく2人がチームに加わりました。", 12)],
        "point": (38.9145, 139.8365),
    },
    {
        # seed 001 line 129: shared sales channels for farmers.
        "title": "枝豆の共同出荷で首都圏の販路をひらく",
        "goal": "庄内の農家5軒で出荷をまとめ、首都圏の飲食店10軒と取引を始める",
        "body": (
            "一軒ずつでは届かない首都圏の飲食店へ、出荷をまとめて届けます。"
            "庄内農業共創コミュニティから生まれたプロジェクトです。"
        ),
        "stage": "preparing",
        "themes": ["agriculture"],
        "municipalities": [SAKATA],
        "organization": None,
        "issue": "農家が一軒ずつ販路を探していて、手間がかかり売り先も広がらない",
        "lead": "saito",
        "members": [("yoshida", "member"), ("yamada", "supporter")],
        "needs": [
            {
                "kind": "skills",
                "title": "飲食店への営業資料をつくれる人",
                "description": "産地の写真と出荷の条件を1枚にまとめたいです。",
                "skills": ["design", "marketing"],
                "hours_per_month": 6,
                "work_style": "remote",
            },
            {
                "kind": "people",
                "title": "収穫期（8月）の選別作業の手伝い",
                "description": "",
                "skills": ["agriculture"],
                "hours_per_month": 20,
                "work_style": "onsite",
            },
        ],
        "trials": [],
        "hearings": [],
        "resources": [("place", "JA の集荷場（出荷日を相談中）", None)],
        "updates": [],
        "point": (38.9146, 139.8365),
    },
    {
        # seed 001 line 201: a share office in the housing for people who move to Sakata.
        "title": "移住者専用住宅のシェアオフィスで起業を支える",
        "goal": "移住して起業する人の相談を、シェアオフィスとサンロクで一緒に受ける",
        "body": (
            "移住者専用住宅の中に設けるシェアオフィスで、移住者どうしと市民が交流し、"
            "起業の相談ができるようにします。"
        ),
        "stage": "idea",
        "themes": ["housing", "work"],
        "municipalities": [SAKATA],
        "organization": "sakata-sanroku",
        "issue": "移住してきた人が、酒田で起業するための場所と相談相手がほしい",
        "lead": "yamaguchi",
        "members": [],
        "needs": [
            {
                "kind": "people",
                "title": "移住者の起業相談の担い手",
                "description": "",
                "skills": ["management", "planning"],
                "hours_per_month": 8,
                "work_style": "mixed",
            }
        ],
        "trials": [],
        "hearings": [],
        "resources": [],
        "updates": [],
        "point": None,
    },
]


#: Missions of the demo projects (the organizations' missions are in ``missions.py``), in
#: that file's format, plus ``project`` (a title above), ``draft`` (True leaves a draft whose
#: completeness panel shows what is missing) and ``applications``: dicts with ``person``,
#: ``motivation``, ``answers`` and ``steps`` (the statuses the application went through, in
#: order, e.g. ``["in_conversation", "offered", "accepted"]``).
PROJECT_MISSIONS: list[dict] = [
    {
        "project": "サンロクIT女子 リモート業務の共同受託",
        "host": "kato",
        "kind": "side_job",
        "title": "地元のお店のネット販売を、週3時間の副業で支える",
        "background": (
            "酒田の小さなお店や農家は、ネット販売の必要を感じていても手が回りません。"
            "サンロクIT女子のチームと一緒に、ECサイトの更新を担ってくれる方を探しています。"
        ),
        "tasks": "商品ページの更新\n在庫と価格の反映\n月1回のオンライン打ち合わせ",
        "deliverables": "更新した商品ページと、月ごとの作業報告",
        "starts_in": 20,
        "lasts": 180,
        "hours_per_week": 3,
        "work_style": "remote",
        "visits_per_month": None,
        "reward_kind": "paid",
        "reward_yen": 30000,
        "contact": "サンロクIT女子チーム 加藤（平日10時〜17時）",
        "places": 2,
        "deadline_in": 14,
        "skills": ["it"],
        "welcome": ["marketing", "photo_video"],
        "questions": [
            "ECサイトやネットショップの運営に関わった経験を教えてください。",
            "週に使える時間と、打ち合わせができる曜日を教えてください。",
        ],
        "draft": False,
        "applications": [
            {
                "person": "nakamura",
                "motivation": "本業でECの運用をしています。地元のお店の力になりたいです。",
                "answers": ["自社のネットショップを3年運営しています。", "平日の夜と土曜です。"],
                "steps": ["in_conversation", "offered", "accepted"],
            },
            {
                "person": "kobayashi",
                "motivation": "データ分析の経験を、売上の振り返りに生かせると思います。",
                "answers": ["ありません。分析の面で手伝えます。", "土曜の午前です。"],
                "steps": ["in_conversation"],
            },
        ],
    },
    {
        # seed 003 lines 59–79: an issue turned into an intern project.
        "project": "枝豆の共同出荷で首都圏の販路をひらく",
        "host": "saito",
        "kind": "internship",
        "title": "夏の2週間、枝豆の販路開拓に挑む大学生インターン",
        "background": (
            "庄内の農家5軒が出荷をまとめ、首都圏の飲食店との取引を始めようとしています。"
            "飲食店への聞き取りと提案資料づくりを一緒に担ってください。"
        ),
        "tasks": "首都圏の飲食店10軒への聞き取り\n提案資料の作成\n農家への報告会",
        "deliverables": "聞き取りのまとめと、飲食店向けの提案資料",
        "starts_in": 60,
        "lasts": 14,
        "hours_per_week": 30,
        "work_style": "mixed",
        "visits_per_month": 2,
        "reward_kind": "costs",
        "reward_yen": None,
        "contact": "庄内農業共創コミュニティ 斎藤",
        "places": 1,
        "deadline_in": 40,
        "skills": ["research"],
        "welcome": ["marketing", "writing"],
        "questions": ["農業や食に関わった経験があれば教えてください。"],
        "draft": False,
        "applications": [],
    },
    {
        "project": "移住者専用住宅のシェアオフィスで起業を支える",
        "host": "yamaguchi",
        "kind": "pro_bono",
        "title": "移住者の起業相談を、月に一度プロボノで受ける",
        "background": "シェアオフィスの開業に合わせて、起業相談の担い手を探しています。",
        "tasks": "",
        "deliverables": "",
        "starts_in": 90,
        "lasts": 365,
        "hours_per_week": None,
        "work_style": "mixed",
        "visits_per_month": 1,
        "reward_kind": "",
        "reward_yen": None,
        "contact": "",
        "places": 2,
        "deadline_in": 60,
        "skills": [],
        "welcome": [],
        "questions": [],
        "draft": True,
        "applications": [],
    },
]
