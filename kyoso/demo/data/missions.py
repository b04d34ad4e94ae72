"""Missions of the demo region: seed 003's internships and the side jobs and relocation that
seeds 002 and 003 ask outside talent for, hosted by demo organizations (a mission of a project
is added once the demo has projects).

- ``organization`` (slug of ``organizations.ORGANIZATIONS``), ``host`` (a person key who is
  an owner or admin there), ``title`` (natural key with the organization), the fields of
  :class:`kyoso.missions.models.Mission`, ``skills`` (required) and ``welcome`` (skill keys),
  ``questions``; dates are days from the day the demo is loaded, so the missions stay open.
"""

SAKATA = "06204"

MISSIONS: list[dict] = [
    {
        # seed 003: internships that bring students into local businesses.
        "organization": "sakata-sanroku",
        "host": "kato",
        "kind": "internship",
        "title": "酒田の中小企業のネット販売を立ち上げる大学生インターン",
        "background": (
            "酒田の食品メーカーや農家の多くは、ネットでの販売に手が回っていません。"
            "サンロクには「ECを始めたいが誰に頼めばよいか分からない」という相談が続いています。"
        ),
        "tasks": "事業者2社への聞き取り\nネットショップの開設と商品ページづくり\n売上の振り返り会",
        "deliverables": "開設したネットショップと、3か月の運営の手引き",
        "starts_in": 45,
        "lasts": 90,
        "hours_per_week": 10,
        "work_style": "mixed",
        "visits_per_month": 2,
        "reward_kind": "costs",
        "reward_yen": None,
        "contact": "サンロクの窓口（平日9時〜17時）でも相談できます。",
        "places": 2,
        "deadline_in": 30,
        "skills": ["marketing", "it"],
        "welcome": ["photo_video"],
        "questions": [
            "ネット販売やSNS発信の経験があれば教えてください。",
            "酒田に来られる時期は？",
        ],
        "latitude": "38.914000",
        "longitude": "139.836000",
    },
    {
        # seed 002/003: 副業・兼業 from the cities for the region's farmers.
        "organization": "shonai-nogyo-kyoso",
        "host": "saito",
        "kind": "side_job",
        "title": "庄内の農家と首都圏の飲食店をつなぐ販路づくり（副業）",
        "background": (
            "庄内の農業者は首都圏の飲食店とのつながりを持たず、共同の販路を探しています。"
        ),
        "tasks": "首都圏の飲食店10軒への聞き取り\n試食会の企画と運営\n取引条件の整理",
        "deliverables": "販路候補の一覧と試食会の報告書",
        "starts_in": 40,
        "lasts": 120,
        "hours_per_week": 5,
        "work_style": "remote",
        "visits_per_month": None,
        "reward_kind": "paid",
        "reward_yen": 50000,
        "contact": "",
        "places": 1,
        "deadline_in": 21,
        "skills": ["marketing"],
        "welcome": ["research", "writing"],
        "questions": ["飲食業界とのつながりを教えてください。"],
        "latitude": None,
        "longitude": None,
    },
    {
        # seed 003: relocation, with a disability employment NPO short of hands.
        "organization": "hataraku-minato-sakata",
        "host": "sato",
        "kind": "relocation",
        "title": "酒田に移り住み、働きたい人と事業者をつなぐコーディネーター",
        "background": "人手不足の事業者と、働きたい障がいのある人をつなぐ担い手が足りません。",
        "tasks": "事業者の訪問と仕事の切り出し\n就労体験の調整\n月1回の交流会の運営",
        "deliverables": "就労体験10件と、その記録",
        "starts_in": 60,
        "lasts": 365,
        "hours_per_week": 30,
        "work_style": "onsite",
        "visits_per_month": None,
        "reward_kind": "paid",
        "reward_yen": 200000,
        "contact": "",
        "places": 1,
        "deadline_in": 45,
        "skills": ["coordination", "care"],
        "welcome": ["facilitation"],
        "questions": [],
        "latitude": "38.916000",
        "longitude": "139.840000",
    },
]
