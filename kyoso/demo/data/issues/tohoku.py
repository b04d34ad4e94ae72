"""Demo issues from across Miyagi and Yamagata drawn from seeds 002, 003 and 004:

- 002: 経済産業省 研究会の議論（コーディネート機能、外部人材のミスマッチ、商店街、IT利活用、
  交通弱者、資金調達）, /work/shared/seeds/002_f32b7312b41ba189.txt
- 003: 東北経済産業局「東日本大震災からの復興過程で蓄積された資産を活かした持続可能な地域
  づくり」（復興インターン、ハブ組織、遊休施設）, /work/shared/seeds/003_7e3a605abdc60a32.txt
- 004: 東北経済産業局「官民連携による地域の抱える社会課題解決に向けた取組」（官民連携の
  14の壁、逆プロポ）, /work/shared/seeds/004_c38a1962601ed1f3.txt

The places are chosen for the demo; the situations are the ones the seeds describe.
"""

from kyoso.demo.data.issues.base import (
    PLACE,
    SKILLS,
    TIME,
    Comment,
    DemoIssue,
    Move,
    Offer,
    near,
)
from kyoso.issues.models import Stage as S
from kyoso.issues.vocab import TargetGroup as G
from kyoso.issues.vocab import Theme as T
from kyoso.issues.vocab import Wall as W

SENDAI = "04100"
ISHINOMAKI = "04202"
KURIHARA = "04213"
OSAKI = "04215"
MARUMORI = "04341"
ONAGAWA = "04581"
MINAMISANRIKU = "04606"
YAMAGATA = "06201"
SHINJO = "06205"
TENDO = "06210"
NANYO = "06213"
MOGAMI = "06362"

ISSUES: list[DemoIssue] = [
    # seed 002 (地域におけるコーディネート機能の重要性（人材）): the host side's missions are
    # vague; outside talent cannot see local players; pre-matching online reduces mismatch.
    DemoIssue(
        title="外部人材を受け入れたいが、頼みたいこと（ミッション）をうまく言葉にできない",
        body=(
            "副業・兼業の人に力を借りたいという事業者は多いのですが、"
            "「何をしてほしいか」が漠然としたまま募集して、ミスマッチになることがあります。\n\n"
            "募集の前に、地域の課題を整理してミッションを定義する手伝いが必要です。"
        ),
        author="yamada",
        organization="sakata-sanroku",
        municipality=SHINJO,
        themes=(T.WORK, T.INDUSTRY),
        sdgs=("sdg08", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.VERBALIZATION, W.MATCHING),
        moves=(
            Move(S.SURFACED, "sato", "事業者向け説明会で、募集文の書き方の相談が相次ぎました。"),
            Move(S.IN_ACTION, "sato", "事前に課題を整理するヒアリングシートを使い始めました。"),
        ),
        empathy=("sasaki", "kato", "yamaguchi"),
        follows=("sasaki",),
        offers=(
            Offer(
                "sasaki",
                (SKILLS, TIME),
                "外部人材の立場から、募集文を読んで分かりにくい点を伝えられます。",
            ),
        ),
        comments=(
            Comment(
                "sasaki",
                "外から見ると、地域のどのプレイヤーと組むのかが分からないのが一番の不安です。",
                (("yamada", "受け入れ側の体制（つなぎ役）も書くようにします。"),),
            ),
        ),
        days_ago=290,
    ),
    # seed 002 (外部人材: 地域のプレイヤーが分からない、求められるレベルが高すぎる).
    DemoIssue(
        title="副業で地域に関わりたいが、どんな人が何に取り組んでいるのか分からない",
        body="首都圏に住みながら月に数日なら関われます。地域のプレイヤーと課題の一覧があれば、自分にできることを探せます。",
        author="sasaki",
        municipality=YAMAGATA,
        themes=(T.WORK, T.COMMUNITY),
        sdgs=("sdg08",),
        targets=(G.BUSINESSES, G.YOUTH),
        walls=(W.MATCHING,),
        empathy=("yamada",),
        days_ago=10,
    ),
    # seed 002 (地域の核となる場: 空き店舗のシェアオフィス、IT企業と保育園の誘致).
    DemoIssue(
        title="商店街の空き店舗に、IT企業と保育園を一緒に呼び込めないか",
        body=(
            "働く場所と子どもを預ける場所が近くにあれば、子育て中の人も働きやすくなります。"
            "商店街を「買い物の場」から「暮らしを支える場」に変える試みとして考えています。"
        ),
        author="kato",
        municipality=TENDO,
        point=near(TENDO, 250, -150),
        themes=(T.HOUSING, T.CHILDCARE, T.WORK),
        sdgs=("sdg08", "sdg11"),
        targets=(G.PARENTS, G.BUSINESSES),
        walls=(W.PRECEDENT,),
        empathy=("matsumoto", "sasaki"),
        days_ago=65,
    ),
    # seed 002 (ソーシャルアクション機構「福祉Mover」: empty seats in day-service vans matched
    # to people with no transport).
    DemoIssue(
        title="デイサービスの送迎車の空席を、通院や買い物の足に使えないか",
        body=(
            "バスの本数が減り、車を手放した高齢の方が通院や買い物に困っています。"
            "一方で、デイサービスの送迎車は決まった時間に空席のまま走っています。"
            "空席と移動したい人をうまく組み合わせる仕組みを試したいです。"
        ),
        author="ito",
        municipality=KURIHARA,
        point=near(KURIHARA, -400, 900),
        themes=(T.MOBILITY, T.WELFARE, T.DIGITAL),
        sdgs=("sdg03", "sdg11"),
        targets=(G.ELDERLY,),
        walls=(W.PRECEDENT, W.CONSENSUS),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "他県の事例を情報交換会で紹介し、関心のある事業所が見つかりました。",
            ),
        ),
        empathy=("suzuki", "nakamura", "kobayashi", "yamamoto"),
        follows=("kobayashi",),
        comments=(
            Comment(
                "kobayashi",
                "道路運送法との関係を整理する必要があります。市町村の交通担当を巻き込みましょう。",
            ),
        ),
        days_ago=145,
    ),
    # seed 002 (とくし丸: mobile supermarkets for shopping refugees).
    DemoIssue(
        title="山あいの集落でお店がなくなり、買い物に行けない高齢者が増えている",
        body="最後の商店が閉まり、町の中心まで車で30分かかります。移動販売車が回ってくれると助かる家が多いです。",
        author="suzuki",
        municipality=MARUMORI,
        point=near(MARUMORI, 1800, -2500),
        themes=(T.MOBILITY, T.WELFARE),
        sdgs=("sdg02", "sdg11"),
        targets=(G.ELDERLY,),
        moves=(
            Move(S.SURFACED, "sato", "集落の聞き取りで、多くの世帯が挙げました。"),
            Move(S.IN_ACTION, "sato", "地元スーパーと移動販売の試験運行を始めました。"),
            Move(S.SOLVED, "sato", "週2回の定期運行が続いています。"),
        ),
        empathy=("ito", "nakamura", "kobayashi"),
        days_ago=500,
    ),
    # seed 004 図表1: 人事異動の壁 — trust built with a staff member is lost on transfer.
    DemoIssue(
        title="担当の職員が異動すると、企業やNPOと築いた関係が途切れてしまう",
        body=(
            "官民連携の取り組みは、担当者どうしの信頼関係で進むことが多いです。"
            "ところが数年ごとの人事異動で、経緯を知る人がいなくなり、"
            "話が最初からやり直しになることがあります。\n\n"
            "経緯や約束を組織として引き継ぐ方法を考えたいです。"
        ),
        author="kobayashi",
        organization="sendai-city",
        municipality=SENDAI,
        themes=(T.COMMUNITY,),
        sdgs=("sdg16", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.TRANSFER, W.CULTURE),
        moves=(
            Move(S.SURFACED, "sato", "官民連携の勉強会で、企業側・行政側の双方から挙がりました。"),
        ),
        empathy=("yamamoto", "tanaka", "watanabe", "kato", "yoshida"),
        follows=("yamamoto", "kato"),
        comments=(
            Comment(
                "yamamoto",
                "企業側でも担当が替わります。やりとりの記録を、このプラットフォームの課題ページに残すのも一案です。",
            ),
        ),
        days_ago=115,
    ),
    # seed 004 図表1: 前例主義・合意形成・意思決定の壁.
    DemoIssue(
        title="前例がないと、新しい官民連携の提案が庁内で通らない",
        body=(
            "民間から良い提案があっても、「前例がない」「誰が責任を持つのか」で止まり、"
            "課内、部内、庁内、議会と説明を重ねるうちに時間切れになります。"
            "小さく試して実績をつくる進め方を、他の自治体の例から学びたいです。"
        ),
        author="kato",
        municipality=NANYO,
        themes=(T.COMMUNITY,),
        sdgs=("sdg16", "sdg17"),
        walls=(W.PRECEDENT, W.CONSENSUS, W.DECISION, W.BOSS),
        empathy=("kobayashi",),
        days_ago=28,
    ),
    # seed 004 図表3: 逆プロポ — a company states the issue it cares about and municipalities
    # propose; Urban Innovation JAPAN matches municipal issues and startups.
    DemoIssue(
        title="企業が関心のある社会課題を示し、自治体から提案を募る「逆プロポ」を試したい",
        body=(
            "これまでは自治体が課題を出して企業が提案する流れでしたが、"
            "企業の側から「この課題に取り組みたい」と示し、自治体から企画を募る方法もあります。"
            "東北の自治体と一緒に試してみたいです。"
        ),
        author="yamamoto",
        organization="tohoku-epco",
        municipality=SENDAI,
        themes=(T.COMMUNITY, T.INDUSTRY),
        sdgs=("sdg17",),
        targets=(G.BUSINESSES,),
        walls=(W.MATCHING, W.IDEATION),
        moves=(Move(S.SURFACED, "sato", "中間支援団体の取り組み例として、勉強会で紹介しました。"),),
        empathy=("kobayashi", "kato", "sato"),
        offers=(Offer("kobayashi", (TIME,), "仙台市として、最初の募集に応募を検討します。"),),
        days_ago=85,
    ),
    # seed 003: 復興・創生インターンシップ (about 500 companies, 1,000 students) turning company
    # issues into intern projects, with coaching during and after.
    DemoIssue(
        title="地域企業の課題を、大学生のインターンで取り組むプロジェクトにしたい",
        body=(
            "若手の育て方や新規事業に悩む企業と、本気で挑戦したい大学生をつなぎたいです。"
            "課題をインターンのプロジェクトに仕立て、期間中と終わったあとも伴走します。"
        ),
        author="nakamura",
        organization="morinomiyako-kyoso-university",
        municipality=ISHINOMAKI,
        point=near(ISHINOMAKI, 150, -350),
        themes=(T.EDUCATION, T.WORK, T.INDUSTRY),
        sdgs=("sdg04", "sdg08"),
        targets=(G.YOUTH, G.BUSINESSES),
        walls=(W.TALENT,),
        moves=(
            Move(S.SURFACED, "sato", "受け入れを希望する企業が5社集まりました。"),
            Move(S.IN_ACTION, "sato", "夏休みのインターンが始まりました。"),
        ),
        empathy=("yamamoto", "tanaka", "sasaki", "yamada"),
        follows=("yamamoto",),
        offers=(
            Offer("yamamoto", (PLACE,), "社の研修施設を、インターン生の中間発表の会場に使えます。"),
        ),
        days_ago=220,
    ),
    # seed 003 (LivingAnywhere WORK: disused schools renovated into satellite offices).
    DemoIssue(
        title="廃校になった小学校を、サテライトオフィスと地域の集まる場にしたい",
        body=(
            "閉校した校舎が使われないまま傷み始めています。"
            "都市部の企業のサテライトオフィスや、ワーケーションの拠点として使えないでしょうか。"
            "地域の人が集まれる部屋も残したいです。"
        ),
        author="sasaki",
        municipality=MOGAMI,
        point=near(MOGAMI, -600, 1100),
        themes=(T.HOUSING, T.WORK, T.COMMUNITY),
        sdgs=("sdg11",),
        targets=(G.BUSINESSES, G.EVERYONE),
        walls=(W.BUDGET, W.PRECEDENT),
        moves=(Move(S.SURFACED, "sato", "町と地域の話し合いで活用案の募集が決まりました。"),),
        empathy=("kato", "yamada"),
        days_ago=95,
    ),
    # seed 002 (ウエルクリエイト: organic waste → compost, with soil data in the cloud and a
    # university's analysis) — spread across prefectures.
    DemoIssue(
        title="食品工場の有機ごみを堆肥にして、耕作放棄地の土を生き返らせたい",
        body=(
            "食品工場から出る有機系の廃棄物を堆肥にすれば、ごみが減り、荒れた農地の土も"
            "よくなります。土の成分データを記録して、効果を大学と一緒に確かめています。"
        ),
        author="yoshida",
        municipality=OSAKI,
        point=near(OSAKI, 900, 1700),
        themes=(T.AGRICULTURE, T.ENVIRONMENT),
        sdgs=("sdg12", "sdg15"),
        targets=(G.BUSINESSES,),
        moves=(
            Move(S.SURFACED, "sato", "域外企業の参画事例として紹介されました。"),
            Move(S.IN_ACTION, "sato", "地元の食品工場と農家で試験が始まりました。"),
            Move(S.SOLVED, "sato", "堆肥の利用が定着し、事業として採算がとれるようになりました。"),
            Move(S.SPREAD, "sato", "他県でも同じ仕組みが始まり、モデルとして紹介しています。"),
        ),
        empathy=("saito", "nakamura", "yamamoto"),
        days_ago=680,
    ),
    # seed 003 (ハブ組織・ゲートウェイ機能 in the coastal towns after 2011) and seed 000 §3 2
    # (地元水産業); the successor shortage itself is the demo's illustration.
    DemoIssue(
        title="水産加工の担い手が減り、港の仕事を次の世代につなげられない",
        body="若い人が地元の水産加工で働くイメージを持てていません。仕事の魅力を伝え、体験できる機会をつくりたいです。",
        author="nakamura",
        municipality=ONAGAWA,
        point=near(ONAGAWA, -200, 250),
        themes=(T.INDUSTRY, T.WORK),
        sdgs=("sdg08", "sdg14"),
        targets=(G.YOUTH,),
        walls=(W.TALENT,),
        empathy=("yamamoto",),
        days_ago=48,
    ),
    # Not from a seed: an example so that the 多文化共生 theme and the foreign-residents target
    # group of kyoso.issues.vocab have an issue in the demo.
    DemoIssue(
        title="外国から来た技能実習生が、地域の人と話す機会がほとんどない",
        body="工場と寮の往復で、地域の行事や日本語を話す機会がありません。困ったときに相談できる人も少ないようです。",
        author="ito",
        municipality=MINAMISANRIKU,
        themes=(T.MULTICULTURAL, T.COMMUNITY),
        sdgs=("sdg10",),
        targets=(G.FOREIGN_RESIDENTS,),
        empathy=("nakamura", "tanaka"),
        days_ago=3,
    ),
]
