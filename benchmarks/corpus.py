"""Realistic Japanese issues for the benchmarks, made from templates with varied words.

The words come from the seeds (/work/shared/seeds/*.txt: the Sendai study sessions, Sakata's
co-creation communities, the METI reports) and from ``kyoso.issues.vocab``; the places are the
municipalities of Miyagi and Yamagata in ``kyoso/regions/data``. Every text is built from a
seeded ``random.Random``, so the same size always gives the same corpus, and the index sees a
realistic spread of frequent and rare words, compounds (生理用品, 耕作放棄地, 子ども食堂) and
2-character words (防災, 空き家 is 3).

Since version 2 (issue 12) the texts also hold what the new recall features look for, at the
frequencies of the other words of their kind: katakana compounds whose parts are searched
(エコツーリズム as a problem; グリーンツーリズム, インバウンドツーリズム,
リノベーションまちづくり in the long tail), kanji words that readers type in kana (空き家,
子育て were there already), and synonyms and variant spellings (お年寄り beside 高齢者, 障害
beside 障がい). Changing the texts
changes every figure: results carry the :data:`VERSION` they were measured on, and the report
does not mix versions.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kyoso.issues.models import Stage
from kyoso.issues.vocab import SDGS, TargetGroup, Theme, Wall

#: Bumped whenever the generated texts change (benchmarks/report.py shows one version only).
VERSION = 2

MUNICIPALITIES_CSV = (
    Path(__file__).resolve().parent.parent / "kyoso" / "regions" / "data" / "municipalities.csv"
)

#: (problem word, the themes it belongs to). Compounds on purpose: search must find their parts.
PROBLEMS: list[tuple[str, tuple[str, ...]]] = [
    ("生理用品の配布", (Theme.GENDER, Theme.WELFARE)),
    ("相談先が分からないこと", (Theme.WELFARE,)),
    ("若年女性の居場所", (Theme.GENDER, Theme.WELFARE)),
    ("町内会の担い手不足", (Theme.COMMUNITY,)),
    ("農業の後継者不足", (Theme.AGRICULTURE,)),
    ("耕作放棄地の増加", (Theme.AGRICULTURE, Theme.ENVIRONMENT)),
    ("空き家の増加", (Theme.HOUSING,)),
    ("空き店舗の活用", (Theme.HOUSING, Theme.INDUSTRY)),
    ("買い物弱者", (Theme.MOBILITY, Theme.WELFARE)),
    ("通院の足の確保", (Theme.MOBILITY, Theme.HEALTH)),
    ("冬の除雪", (Theme.COMMUNITY, Theme.DISASTER)),
    ("防災訓練への参加", (Theme.DISASTER,)),
    ("避難所の運営", (Theme.DISASTER,)),
    ("子ども食堂の運営", (Theme.CHILDCARE, Theme.WELFARE)),
    ("放課後の居場所", (Theme.CHILDCARE, Theme.EDUCATION)),
    ("ひとり親家庭の孤立", (Theme.CHILDCARE, Theme.WELFARE)),
    ("高齢者の見守り", (Theme.WELFARE,)),
    ("スマホの使い方", (Theme.DIGITAL,)),
    ("中小企業のデジタル化", (Theme.DIGITAL, Theme.INDUSTRY)),
    ("IT人材の育成", (Theme.DIGITAL, Theme.EDUCATION)),
    ("女性フリーランスの仕事づくり", (Theme.GENDER, Theme.WORK)),
    ("若者の就労支援", (Theme.WORK,)),
    ("障がい者の就労", (Theme.WELFARE, Theme.WORK)),
    ("外国人住民との交流", (Theme.MULTICULTURAL,)),
    ("日本語学習の支援", (Theme.MULTICULTURAL, Theme.EDUCATION)),
    ("商店街のにぎわい", (Theme.INDUSTRY, Theme.COMMUNITY)),
    ("観光客の受け入れ", (Theme.TOURISM,)),
    ("エコツーリズムの担い手づくり", (Theme.TOURISM, Theme.ENVIRONMENT)),
    ("地域の祭りの継承", (Theme.CULTURE, Theme.COMMUNITY)),
    ("海ごみの回収", (Theme.ENVIRONMENT,)),
    ("再生可能エネルギーの導入", (Theme.ENVIRONMENT,)),
    ("食品ロスの削減", (Theme.ENVIRONMENT, Theme.WELFARE)),
    ("高校生の起業体験", (Theme.EDUCATION, Theme.INDUSTRY)),
    ("移住者の住まい探し", (Theme.HOUSING,)),
    ("廃校の利活用", (Theme.HOUSING, Theme.COMMUNITY)),
    ("水産加工の人手不足", (Theme.INDUSTRY, Theme.WORK)),
    ("介護人材の確保", (Theme.WELFARE, Theme.WORK)),
    ("地域公共交通の維持", (Theme.MOBILITY,)),
    ("ローカルファンドによる資金調達", (Theme.INDUSTRY,)),
    ("キャッシュフォーワークの受け入れ先", (Theme.WORK, Theme.AGRICULTURE)),
    ("市民活動団体の資金不足", (Theme.COMMUNITY,)),
]

#: How posts name each target group; where people write it in several ways (synonyms, variant
#: spellings), one of them is drawn.
SUBJECTS: dict[str, tuple[str, ...]] = {
    TargetGroup.CHILDREN: ("子どもたち",),
    TargetGroup.YOUTH: ("若い世代",),
    TargetGroup.YOUNG_WOMEN: ("10代・20代の女性",),
    TargetGroup.PARENTS: ("子育て中の家庭",),
    TargetGroup.ELDERLY: ("一人暮らしの高齢者", "一人暮らしの高齢者", "近所のお年寄り"),
    TargetGroup.DISABILITIES: ("障がいのある人", "障害のある人", "障害者"),
    TargetGroup.FOREIGN_RESIDENTS: ("外国から来た住民",),
    TargetGroup.JOBSEEKERS: ("仕事を探している人",),
    TargetGroup.BUSINESSES: ("地元の事業者",),
    TargetGroup.EVERYONE: ("地域の住民",),
}

PLACES = [
    "駅前",
    "中心市街地",
    "商店街",
    "団地",
    "沿岸部",
    "山あいの集落",
    "中山間地域",
    "港の周辺",
    "学区",
    "公民館の周り",
    "新興住宅地",
    "旧市街",
    "農村部",
    "温泉街",
    "川沿いの地区",
]

ACTORS = [
    "町内会",
    "NPO",
    "社会福祉協議会",
    "市役所",
    "商工会議所",
    "信用金庫",
    "大学",
    "高校",
    "地元企業",
    "農業協同組合",
    "漁業協同組合",
    "中間支援組織",
    "子育てサークル",
    "民生委員",
    "コワーキングスペース",
    "サンロク",
    "ソーシャルハブ",
    "三十六人衆",
    "IT女子コミュニティ",
]

RESOURCES = [
    "集会所",
    "空いている倉庫",
    "送迎車の空席",
    "使われていない教室",
    "シェアオフィス",
    "オンライン会議",
    "チラシとSNS",
    "寄付金",
    "助成金",
    "ボランティア",
    "専門家の助言",
    "地域のお祭り",
    "学校の授業",
    "朝市",
    "移動販売車",
]

FEELINGS = [
    "とても困っています",
    "どうにかしたいと思っています",
    "このままでは続けられません",
    "周りでも同じ声を聞きます",
    "何から始めればいいか分かりません",
    "一緒に考えてくれる人を探しています",
]

TITLE_TEMPLATES = [
    "{place}で{problem}が課題になっている",
    "{subject}のための{problem}をどうにかしたい",
    "{municipality}の{place}における{problem}",
    "{problem}について{actor}と一緒に考えたい",
    "{subject}が困っている{problem}",
    "{municipality}で{problem}に取り組む仲間を探しています",
    "{problem}を{resource}で解決できないか",
]

SENTENCE_TEMPLATES = [
    "{municipality}の{place}では、{problem}が年々深刻になっています。",
    "{subject}から「{problem}で{feeling}」という声が寄せられています。",
    "{actor}だけで取り組むには限界があり、{actor2}との連携が必要です。",
    "{resource}を生かせば、{subject}の負担を減らせるかもしれません。",
    "まずは{place}で小さく試し、うまくいけば{municipality}全体に広げたいです。",
    "昨年は{number}人が参加した話し合いでも、{problem}が一番多く挙がりました。",
    "{feeling}。{resource}を貸してくれる人や団体がいたら教えてください。",
    "{actor}の調べでは、{place}の{subject}のうち{percent}%が{problem}に不安を感じています。",
    "{wall}があり、{actor2}との話がなかなか進みません。",
    "同じような取り組みをしている地域があれば、やり方を教えてほしいです。",
    "{season}になると{problem}の問題がさらに大きくなります。",
    "{extra}についても、{actor}と話し合いたいと考えています。",
    "{extra}や{extra2}の経験がある人の意見も聞きたいです。",
    "以前、{extra}に取り組んだときは{actor2}に助けてもらいました。",
    "{subject}が安心して暮らせるよう、{resource}の使い方を考えています。",
]

#: Less frequent words (seeds 000–004), drawn with Zipf-like weights so the index has a long
#: tail of rare terms as real posts do.
_EXTRA_TEXT = """
協働 共創 連携 創発 自立 ネットワーク 情報交換会 定例会 勉強会 レジデンスラボ アーカイブ
ギャラリー 顕在化 主体形成 社会資本 関係人口 復興 震災 ボランティア 中間支援 ハブ組織
ゲートウェイ インターン 右腕人材 経営者 事業承継 創業 起業 新規事業 販路開拓 商品開発
地域ブランド 六次産業化 直売所 道の駅 朝市 農泊 グリーンツーリズム ワーケーション
テレワーク 副業 兼業
プロボノ 外部人材 ミッション ミスマッチ マッチング コーディネーター コンシェルジュ 専門家
アドバイザー メンター 伴走支援 クラウドファンディング 寄付 会費 補助金 委託 融資 出資
インパクト投資 ゼブラ企業 ソーシャルビジネス コミュニティビジネス 社会的企業 協同組合
都市OS データ連携 オープンデータ AI IoT RPA クラウド会計 ホームページ SNS発信
デジタルマーケティング 電子商取引 キャッシュレス オンライン診療 遠隔授業 見守りセンサー
配車システム デマンド交通 乗り合いタクシー コミュニティバス 自転車 雪下ろし 雪かき
除排雪 冬期通学 通学路 見守り隊 登下校 学童保育 病児保育 一時預かり 子育て支援センター
児童館 フリースクール 不登校 ひきこもり ヤングケアラー 生活困窮 フードバンク フードドライブ
こども宅食 奨学金 学習支援 職業体験 就労体験 職場実習 ジョブコーチ 就労継続支援 作業所
障害者手帳 グループホーム 認知症カフェ サロン 介護予防 健康づくり 体操教室 配食サービス 買い物代行
移動スーパー 空き地 耕作放棄 獣害 イノシシ ニホンジカ 森林整備 間伐材 木質バイオマス
太陽光発電 省エネ 脱炭素 海岸清掃 プラスチックごみ 資源回収 リサイクル 堆肥 有機農業
米粉 枝豆 さくらんぼ ラ・フランス 牡蠣 ホヤ 笹かまぼこ 芋煮会 花笠 七夕 祭り囃子 神楽
伝統工芸 こけし 和紙 古民家 町家 蔵 リノベーション リノベーションまちづくり DIY
シェアハウス お試し住宅 移住相談
地域おこし協力隊 集落支援員 自治会 民生委員 消防団 自主防災組織 ハザードマップ 避難訓練
備蓄 炊き出し 福祉避難所 多言語 やさしい日本語 通訳 技能実習生 留学生 国際交流
インバウンドツーリズム
図書館 公民館 体育館 廃校 空き教室 遊休施設 コワーキング シェアキッチン チャレンジショップ
"""
EXTRA_WORDS = _EXTRA_TEXT.split()

SEASONS = ["春", "夏", "秋", "冬", "年度末", "お盆", "雪の季節", "新学期"]

THEMES = [t.value for t in Theme]
TARGETS = [t.value for t in TargetGroup]
WALLS = [w.value for w in Wall]
WALL_LABELS = {w.value: str(w.label) for w in Wall}
SDG_CODES = [code for code, _label in SDGS]

#: Stages of generated issues, weighted like a young platform: mostly seeds and surfaced ones.
STAGE_WEIGHTS = [
    (Stage.SEED, 40),
    (Stage.SURFACED, 25),
    (Stage.IN_ACTION, 18),
    (Stage.SOLVED, 8),
    (Stage.SPREAD, 3),
    (Stage.CLOSED, 6),
]


def municipalities() -> list[tuple[str, str]]:
    """(JIS code, name) of every municipality of Miyagi and Yamagata, wards excluded."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8") as handle:
        return [
            (row["code"], row["name"]) for row in csv.DictReader(handle) if row["kind"] != "ward"
        ]


@dataclass(frozen=True)
class GeneratedIssue:
    title: str
    body: str
    municipality: str
    stage: str
    themes: tuple[str, ...]
    sdgs: tuple[str, ...]
    targets: tuple[str, ...]
    walls: tuple[str, ...]
    point: tuple[float, float] | None
    empathy: int


class Corpus:
    """Deterministic issue texts: ``Corpus(seed).issues(start, count)``.

    Issue ``i`` depends only on ``(seed, i)``, so a database grown from 1 k to 100 k issues
    holds the same first 1 k issues as a database built at 1 k.
    """

    def __init__(self, seed: int = 20_26) -> None:
        self.seed = seed
        self.places = municipalities()
        self.stage_values = [s.value for s, _w in STAGE_WEIGHTS]
        self.stage_weights = [w for _s, w in STAGE_WEIGHTS]
        self.extra_weights = [1 / (rank + 1) for rank in range(len(EXTRA_WORDS))]

    def issue(self, index: int) -> GeneratedIssue:
        rng = random.Random(self.seed * 1_000_003 + index)
        code, municipality = rng.choice(self.places)
        problem, themes = rng.choice(PROBLEMS)
        target = rng.choice(TARGETS)
        words = {
            "municipality": municipality,
            "place": rng.choice(PLACES),
            "problem": problem,
            "subject": rng.choice(SUBJECTS[target]),
            "actor": rng.choice(ACTORS),
            "actor2": rng.choice(ACTORS),
            "resource": rng.choice(RESOURCES),
            "feeling": rng.choice(FEELINGS),
            "season": rng.choice(SEASONS),
            "number": rng.randint(5, 120),
            "percent": rng.randint(10, 80),
        }
        words["extra"], words["extra2"] = rng.choices(EXTRA_WORDS, self.extra_weights, k=2)
        walls = tuple(rng.sample(WALLS, rng.choice((0, 0, 0, 1, 2))))
        words["wall"] = WALL_LABELS[walls[0]] if walls else "前例主義の壁"
        title = rng.choice(TITLE_TEMPLATES).format(**words)[:120]
        sentences = rng.sample(SENTENCE_TEMPLATES, rng.randint(3, 7))
        # A second problem in the body: real posts mention more than one thing.
        words["problem"] = rng.choice(PROBLEMS)[0]
        body = "".join(s.format(**words) for s in sentences)
        extra_themes = tuple(rng.sample(THEMES, rng.choice((0, 1))))
        point = None
        if rng.random() < 0.3:
            point = (round(37.8 + rng.random() * 1.4, 6), round(139.7 + rng.random() * 1.9, 6))
        return GeneratedIssue(
            title=title,
            body=body,
            municipality=code,
            stage=rng.choices(self.stage_values, self.stage_weights)[0],
            themes=tuple(dict.fromkeys(themes + extra_themes)),
            sdgs=tuple(rng.sample(SDG_CODES, rng.randint(0, 2))),
            targets=(target,),
            walls=walls,
            point=point,
            empathy=int(rng.paretovariate(1.5)) - 1,
        )

    def issues(self, start: int, count: int) -> Iterator[GeneratedIssue]:
        for index in range(start, start + count):
            yield self.issue(index)
