"""Build the labelled set (``labelled.json``) from the demo region plus generated people.

Run once against a database with the demo loaded (``kyoso load-demo``), then commit the JSON::

    kyoso manage shell -c "from kyoso.matching.evaluation.build import main; main()"

Works: the demo's open project needs. People: the demo's sixteen people (their profiles as
the matching app reads them) judged by hand for each need, and for each need eight generated
people written to fit it well (grade 2), partly (grade 1) or only in wording (grade 0: they
mention the need's words without the skills, place or time it asks for). A grade says *why*
in ``why``; unjudged pairs count as 0.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from pathlib import Path
from typing import Any

PATH = Path(__file__).with_name("labelled.json")
WHY_FITS = "スキル・テーマ・地域が合う"
WHY_PARTLY = "テーマは合うがスキルは一部"

#: need pk → {demo user pk: (grade, why)}, judged by reading the profiles.
DEMO_JUDGMENTS: dict[int, dict[int, tuple[int, str]]] = {
    8: {
        11: (2, "事業者の相談を受けるコンシェルジュ、酒田"),
        12: (2, "創業支援・事業計画の相談、酒田"),
        14: (1, "経営の経験、相談役"),
        10: (1, "移住・起業がテーマの市職員"),
        6: (1, "団体運営の相談だが仙台"),
        16: (0, "農業者、起業相談の担い手ではない"),
        3: (0, "子育てに関心、スキルなし"),
    },
    7: {
        16: (2, "酒田の農業者、選別作業を知っている"),
        14: (1, "食品の仕事、酒田"),
        2: (0, "仙台のボランティア、遠い"),
        15: (0, "Webデザイン"),
        13: (0, "首都圏のマーケター"),
    },
    6: {
        15: (2, "Webデザイナー、酒田、副業可"),
        13: (2, "デジタルマーケティング、副業可"),
        14: (2, "販路開拓・商品開発"),
        4: (1, "図解ができる"),
        16: (1, "直販の経験"),
        9: (0, "行政職員"),
    },
    5: {
        14: (1, "地元企業の経営者とつながる"),
        11: (1, "事業者の相談窓口"),
        7: (1, "企業で地域活性化担当"),
        3: (0, "子育て世代、企業ではない"),
        8: (0, "研究者"),
    },
    4: {
        13: (2, "EC運営・デジタルマーケティング、副業"),
        15: (2, "Webデザイン・SNS、酒田、副業"),
        7: (1, "DXの企画"),
        16: (0, "農業者"),
        2: (0, "町内会役員"),
    },
    3: {
        12: (2, "資金調達・融資"),
        6: (2, "助成金申請の支援、仙台"),
        7: (1, "助成プログラムの運営"),
        1: (0, "事務局、資金ではない"),
        15: (0, "Webデザイン、酒田"),
    },
    2: {
        8: (2, "社会調査・統計、仙台"),
        13: (2, "データ分析、副業"),
        9: (1, "オープンデータ、仙台市"),
        10: (1, "KPI管理、酒田"),
        3: (0, "スキルなし"),
        16: (0, "農業者"),
    },
    1: {
        9: (1, "仙台市の協働担当、公共施設につなげる"),
        2: (1, "町内会、地域の場所"),
        1: (1, "ハブの事務局、仙台"),
        16: (0, "酒田の農業者"),
        13: (0, "首都圏のマーケター"),
    },
}

#: need pk → what a fitting person offers: free-text skills, themes, places, hours, bios.
PERSONAS: dict[int, dict[str, Any]] = {
    8: {
        "skills": [
            ["事業計画づくり", "創業支援"],
            ["経営相談", "企画"],
            ["創業塾の講師", "事業計画"],
        ],
        "themes": ["起業", "移住"],
        "places": ["06204", "06203", "06428"],
        "hours": 10,
        "bios": [
            "商工会で創業の相談を受けています。",
            "中小企業診断士として独立し、開業の相談に乗っています。",
            "自分もUターンで店を開いた経験があります。",
        ],
        "partial": [["経営"], ["企画・広報"]],
        "noise": (
            "移住者の起業とシェアオフィスの取材記事を書きました。"
            "起業相談の担い手の話に興味があります。"
        ),
    },
    7: {
        "skills": [["稲作", "野菜の出荷"], ["農作業"], ["農業", "選果"]],
        "themes": ["農業", "食"],
        "places": ["06204", "06426", "06428"],
        "hours": 20,
        "bios": [
            "実家が兼業農家で、夏は収穫を手伝っています。",
            "農協で出荷の仕事をしていました。",
            "週末に援農ボランティアをしています。",
        ],
        "partial": [["体力には自信"], ["イベント運営"]],
        "noise": "収穫期の選別作業という言葉を聞いて、8月の枝豆の季節を思い出しました。",
    },
    6: {
        "skills": [
            ["グラフィックデザイン", "販促物"],
            ["営業資料づくり", "マーケティング"],
            ["Webデザイン", "販路開拓"],
        ],
        "themes": ["農業", "販路"],
        "places": ["06204", "04100", "06203"],
        "hours": 8,
        "bios": [
            "広告制作会社でチラシやパンフレットをつくっています。",
            "食品商社で飲食店向けの提案書を書いてきました。",
            "フリーランスで農産物のブランドづくりを手伝っています。",
        ],
        "partial": [["写真"], ["文章の編集"]],
        "noise": (
            "飲食店への営業資料をつくれる人を探していると聞きました。"
            "飲食店でアルバイトをしています。"
        ),
    },
    5: {
        "skills": [["経営"], ["事業相談", "販路"], ["マーケティング"]],
        "themes": ["デジタル化", "女性の働き方"],
        "places": ["06204", "06203", "06428"],
        "hours": 4,
        "bios": [
            "酒田で印刷会社を経営しています。ホームページの更新を外に頼みたいと思っています。",
            "商店街の理事として、地元の店のデジタル化を進めています。",
            "地元の中小企業向けに業務の外注先を紹介しています。",
        ],
        "partial": [["会計"], ["広報"]],
        "noise": (
            "業務を発注してくれる中小企業があれば、ホームページ更新やSNS発信を受注したいです。"
        ),
    },
    4: {
        "skills": [
            ["EC運営", "Web制作"],
            ["ネットショップの運用", "SNS運用"],
            ["プログラミング", "マーケティング"],
        ],
        "themes": ["デジタル化", "しごと"],
        "places": ["06204", "04100", ""],
        "hours": 12,
        "bios": [
            "ネットショップの運用代行を副業でしています。",
            "ECサイトの構築と更新が本業です。",
            "在宅でWebサイトの保守をしています。",
        ],
        "partial": [["写真"], ["デザイン"]],
        "noise": ("ECサイトで買い物をするのが好きです。商品写真を見るのも楽しいです。"),
    },
    3: {
        "skills": [["資金調達", "寄付集め"], ["助成金申請"], ["ファンドレイジング", "企業協賛"]],
        "themes": ["女性", "福祉"],
        "places": ["04100", "04101", "04209"],
        "hours": 6,
        "bios": [
            "NPOでファンドレイザーをしています。",
            "企業のCSR担当として協賛を決めてきました。",
            "クラウドファンディングの伴走支援をしています。",
        ],
        "partial": [["会計"], ["広報"]],
        "noise": ("生理用品の購入費が高いと感じています。寄付の話には関心があります。"),
    },
    2: {
        "skills": [["データ分析", "Excel"], ["統計"], ["データの可視化", "集計"]],
        "themes": ["女性", "福祉"],
        "places": ["04100", "04102", ""],
        "hours": 4,
        "bios": [
            "事務職で毎月の集計表をつくっています。",
            "大学で統計を教えています。",
            "BIツールでダッシュボードをつくる仕事をしています。",
        ],
        "partial": [["IT"], ["調査"]],
        "noise": ("配布数の見える化という考えに賛成です。表を見るのは苦手です。"),
    },
    1: {
        "skills": [["施設管理"], ["店舗運営"], ["コーディネート"]],
        "themes": ["女性", "まちづくり"],
        "places": ["04100", "04101", "04103"],
        "hours": None,
        "bios": [
            "市民センターの職員です。",
            "仙台でカフェを経営しています。トイレの近くに棚があります。",
            "商店街の事務局で、加盟店との調整をしています。",
        ],
        "partial": [["広報"], ["イベント運営"]],
        "noise": "公共施設のトイレの配布箱を見かけました。",
    },
}


def _generated(rng: random.Random, start: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    people: list[dict[str, Any]] = []
    judged: list[dict[str, Any]] = []
    pk = start
    for need, persona in PERSONAS.items():
        for i in range(3):
            pk += 1
            people.append(
                {
                    "user_id": pk,
                    "display_name": f"生成{pk}",
                    "skills": persona["skills"][i],
                    "themes": rng.sample(persona["themes"], k=1 + i % 2),
                    "municipality": persona["places"][i],
                    "hours_per_month": persona["hours"] and persona["hours"] + rng.randint(-2, 6),
                    "available": i != 1,
                    "bio": persona["bios"][i],
                }
            )
            judged.append({"need": need, "person": pk, "grade": 2, "why": WHY_FITS})
        for i in range(2):
            pk += 1
            people.append(
                {
                    "user_id": pk,
                    "display_name": f"生成{pk}",
                    "skills": persona["partial"][i],
                    "themes": persona["themes"][:1],
                    "municipality": rng.choice(["04100", "06201", "04202"]),
                    "hours_per_month": rng.choice([None, 4, 10]),
                    "available": True,
                    "bio": "地域の役に立ちたいと思っています。",
                }
            )
            judged.append({"need": need, "person": pk, "grade": 1, "why": WHY_PARTLY})
        for _i in range(3):
            pk += 1
            people.append(
                {
                    "user_id": pk,
                    "display_name": f"生成{pk}",
                    "skills": [rng.choice(["法務", "語学", "介護"])],
                    "themes": [rng.choice(["文化", "交通", "多文化"])],
                    "municipality": rng.choice(["06202", "04205", "04341"]),
                    "hours_per_month": rng.choice([None, 2]),
                    "available": False,
                    "bio": persona["noise"],
                }
            )
            judged.append({"need": need, "person": pk, "grade": 0, "why": "言葉だけ重なる"})
    return people, judged


def main() -> None:
    from kyoso.matching import works
    from kyoso.matching.services.profiles import inputs_for

    needs = list(works._needs())
    work_rows = []
    for need in needs:
        work = works.need_features(need)
        work_rows.append(
            {
                "pk": work.pk,
                "title": work.title,
                "text": works.need_text(need),
                "skill_keys": work.skill_keys,
                "theme_keys": work.theme_keys,
                "municipality_code": work.municipality_code,
                "hours_per_month": work.hours_per_month,
                "work_style": work.work_style,
            }
        )
    demo_ids = sorted(
        {pk for judged in DEMO_JUDGMENTS.values() for pk in judged} | set(range(1, 17))
    )
    demo = []
    for person in inputs_for(demo_ids):
        row = asdict(person)
        row["active_at"] = None
        row["levels"] = {k: 0 for k in row["levels"]}
        demo.append(row)
    generated, judged = _generated(random.Random(2026), 1000)
    for need, pairs in DEMO_JUDGMENTS.items():
        for person_id, (grade, why) in pairs.items():
            judged.append({"need": need, "person": person_id, "grade": grade, "why": why})
    PATH.write_text(
        json.dumps(
            {
                "works": work_rows,
                "demo_people": demo,
                "generated_people": generated,
                "judgments": judged,
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(work_rows)} works, {len(demo) + len(generated)} people, {len(judged)} judgments")
