"""The demo's open challenges (issue 15), both directions.

- 酒田市 asks companies how to judge snow clearing on its roads; two companies ask questions
  (answered publicly) and propose.
- 株式会社プロトソリューション asks municipalities for a field to try its matching site with
  residents (逆プロポ); 酒田市 proposes.

Dates are days from the load (``*_in``). People are ``people.py`` keys.
"""

CHALLENGES: list[dict] = [
    {
        "organization": "sakata-city",
        "poster": "kato",
        "title": "冬の道路の除雪出動を、データで判断したい",
        "problem": (
            "除雪の出動は、担当職員が夜中に道路を見回って判断しています。判断が遅れると朝の"
            "通勤・通学に間に合わず、早すぎると費用がかさみます。"
        ),
        "background": (
            "除雪の担い手が高齢化し、見回りの負担が大きくなっています。市内には気象観測点が"
            "少なく、地域ごとの積雪の差が分かりません。"
        ),
        "data_available": "過去5年の除雪出動記録、除雪路線図、市の気象観測データ",
        "constraints_text": "冬季（12月〜3月）に実証できること。個人情報は扱いません。",
        "theme": "mobility",
        "offer_kind": "budget",
        "budget_yen": 3_000_000,
        "offer_place": "市道の除雪路線のうち3路線",
        "offer_staff_time": "道路課の職員が週2時間",
        "questions_in": 10,
        "proposals_in": 20,
        "decision_in": 35,
        "trial_starts_in": 60,
        "trial_lasts": 120,
        "open_to": ["company"],
        "municipality": "06204",
        "latitude": "38.914600",
        "longitude": "139.836500",
        "criteria": [
            {"name": "実現可能性", "weight": 40, "description": "この冬に実証できるか"},
            {"name": "費用対効果", "weight": 30, "description": "予算内で続けられるか"},
            {"name": "地域への波及", "weight": 30, "description": "他の路線・市町村に広げられるか"},
        ],
        "questions": [
            (
                "yamamoto",
                "道路脇の電柱にセンサーを付けることはできますか。",
                "市が管理する照明柱であれば設置できます。電柱は電力会社との調整が必要です。",
            ),
            (
                "sato",
                "過去の出動記録は時刻単位で提供いただけますか。",
                "はい。出動の開始・終了時刻を路線ごとにCSVで提供します。",
            ),
        ],
        "proposals": [
            {
                "organization": "tohoku-epco",
                "by": "yamamoto",
                "summary": "照明柱に積雪センサーを付け、出動の目安を朝4時に知らせます。",
                "approach": (
                    "3路線の照明柱10か所に積雪・路面温度センサーを設置し、過去の出動記録から"
                    "学んだモデルで出動の要否を予測します。"
                ),
                "team": "技術者2名、データ分析1名",
                "cost_yen": 2_800_000,
                "timeline": "11月に設置、12月から3月まで実証、4月に報告",
            },
            {
                "organization": "ntt-east",
                "by": "sato",
                "summary": "市民の投稿と気象データを組み合わせ、路線ごとの積雪を地図にします。",
                "approach": (
                    "LINEで住民が路面の写真を投稿し、気象データと組み合わせて路線ごとの積雪を"
                    "推定し、職員の見回りを減らします。"
                ),
                "team": "エンジニア3名",
                "cost_yen": 3_000_000,
                "timeline": "12月から2月まで実証",
            },
        ],
    },
    {
        "organization": "proto-solution",
        "poster": "sato",
        "title": "地域のスターターとジャンパーをつなぐ実証の場を探しています",
        "problem": (
            "マッチングサイト「JomoNex」を、自治体の窓口と一緒に使ってもらい、地域の課題に"
            "取り組む人と応援したい人が実際に出会えるかを確かめたい。"
        ),
        "background": "登録者は増えていますが、自治体の相談窓口とのつながりがありません。",
        "data_available": "JomoNexの登録・マッチング件数（匿名化）",
        "constraints_text": "",
        "theme": "community",
        "offer_kind": "trial_field",
        "budget_yen": None,
        "offer_place": "",
        "offer_staff_time": "当社のスタッフが月2回、窓口に同席します",
        "questions_in": 14,
        "proposals_in": 30,
        "decision_in": 45,
        "trial_starts_in": 60,
        "trial_lasts": 180,
        "open_to": ["local_government"],
        "municipality": None,
        "latitude": None,
        "longitude": None,
        "criteria": [
            {"name": "窓口の体制", "weight": 50, "description": ""},
            {"name": "住民への広がり", "weight": 50, "description": ""},
        ],
        "questions": [],
        "proposals": [
            {
                "organization": "sakata-city",
                "by": "kato",
                "summary": (
                    "サンロクの相談窓口でJomoNexを案内し、半年で20組の出会いを目指します。"
                ),
                "approach": "窓口に来た相談者にJomoNexを紹介し、月1回の交流会でつなぎます。",
                "team": "商工港湾課の職員2名",
                "cost_yen": 0,
                "timeline": "4月から9月まで",
            }
        ],
    },
]
