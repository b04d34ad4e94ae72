"""Demo issues from Sendai and Miyagi: seed 000 (仙台市市民活動サポートセンター 令和3年度
調査研究事業報告書, /work/shared/seeds/000_38240aa280e4ce2b.txt).

Titles and bodies are written for Kyoso; the facts (study-session themes, the Tagajo trial,
the hearings with companies, the population outlook) come from the seed section named in the
comment above each issue. People and their stories are invented.
"""

from kyoso.demo.data.issues.base import (
    MONEY,
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
AOBA = "04101"
MIYAGINO = "04102"
WAKABAYASHI = "04103"
TAIHAKU = "04104"
IZUMI = "04105"
TAGAJO = "04209"
ISHINOMAKI = "04202"
KESENNUMA = "04205"
NATORI = "04207"
TOMIYA = "04216"

TAGAJO_PERIOD = "生理用品の配布をきっかけに、困ったときに頼れる先を子どもたちに知ってほしい"
PERIOD_WHERE_TO_TURN = "生理用品を買うお金がなく、どこに相談すればいいのか分からない"
CASH_FOR_WORK = "コロナで仕事が減った若者が、働きながら次の仕事の力をつけられる仕組みがほしい"

ISSUES: list[DemoIssue] = [
    # seed 000 §3 1(2)i, study sessions 1–2: Tagajo distributed period products donated by a
    # company to its elementary and junior high schools, to let children know where to turn.
    DemoIssue(
        title=TAGAJO_PERIOD,
        body=(
            "多賀城市では、企業からの寄付を受けて市内の小中学校に生理用品を配りました。"
            "ねらいは物を配ることだけではなく、困ったときに頼れる大人や窓口があることを"
            "子どもたちに知ってもらうことです。\n\n"
            "- 配布と一緒に、相談窓口を書いたカードを渡す\n"
            "- 学校・福祉・保健の担当が同じ情報を持つ\n\n"
            "この経験を他のまちでも使えるように、やり方を共有したいと考えています。"
        ),
        author="sato",
        organization="tagajo-city",
        municipality=TAGAJO,
        point=near(TAGAJO, 40, -60),
        themes=(T.CHILDCARE, T.GENDER, T.WELFARE),
        sdgs=("sdg03", "sdg05", "sdg06"),
        targets=(G.CHILDREN, G.YOUNG_WOMEN),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "第1回テーマ勉強会で多賀城市の担当課長から報告があり、参加者14人で共有しました。",
            ),
            Move(S.IN_ACTION, "sato", "市内の小中学校で配布と相談先カードの手渡しが始まりました。"),
            Move(S.SOLVED, "sato", "配布が毎年の取り組みとして続く見込みになりました。"),
            Move(
                S.SPREAD,
                "sato",
                "仙台市内でも同じやり方を試す動きが出てきたため、モデルとして紹介します。",
            ),
        ),
        empathy=(
            "suzuki",
            "tanaka",
            "ito",
            "watanabe",
            "nakamura",
            "kobayashi",
            "matsumoto",
            "sasaki",
        ),
        follows=("tanaka", "ito", "kobayashi", "nakamura"),
        offers=(
            Offer(
                "yamamoto",
                (MONEY,),
                "社の地域貢献の枠で、配布する生理用品の費用を一部お手伝いできるか社内で相談します。",
            ),
        ),
        comments=(
            Comment(
                "tanaka",
                "勉強会のお話で、「物を配るのは入口で、本当に届けたいのは相談先の情報」という点が印象に残りました。",
                (("sato", "そうなんです。カードの文面も共有してもらえることになりました。"),),
            ),
            Comment(
                "kobayashi",
                "仙台市の担当部署にもこの事例を紹介しました。学校との調整の順番が参考になります。",
            ),
        ),
        days_ago=540,
    ),
    # seed 000 §3 1(2)i, study sessions 1–2 (the underlying need, posted by a person).
    DemoIssue(
        title=PERIOD_WHERE_TO_TURN,
        body=(
            "アルバイトのシフトが減ってから、生理用品を買うのをためらうことがあります。"
            "役所に相談していいことなのか、どこに行けばいいのかが分かりません。"
            "同じように困っている友だちもいます。\n\n"
            "学校や駅のトイレに置いてあったり、相談先がひと目で分かったりすると助かります。"
        ),
        author="matsumoto",
        name_hidden=True,
        municipality=AOBA,
        themes=(T.GENDER, T.WELFARE, T.HEALTH),
        sdgs=("sdg01", "sdg05"),
        targets=(G.YOUNG_WOMEN, G.JOBSEEKERS),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "同じ声が複数寄せられ、勉強会でも取り上げたため顕在化としました。",
            ),
            Move(
                S.IN_ACTION, "sato", "相談先をまとめたカードづくりを、支援団体と一緒に始めました。"
            ),
        ),
        empathy=("tanaka", "ito", "watanabe", "sasaki", "nakamura", "kato"),
        follows=("ito", "watanabe"),
        offers=(
            Offer(
                "ito",
                (SKILLS, TIME),
                "相談窓口の一覧づくりをお手伝いできます。匿名で相談できる先も載せましょう。",
            ),
        ),
        comments=(
            Comment(
                "ito",
                "パーソナルサポートセンターでも、お金のことと一緒に相談に乗れます。名前を出さなくても大丈夫です。",
            ),
            Comment(
                "watanabe",
                "サポートセンターのマチノワひろばにも、相談先の案内を置けないか調べてみます。",
            ),
        ),
        days_ago=420,
    ),
    # A duplicate of the issue above, merged by the secretariat (the merge feature, issue 4).
    DemoIssue(
        title="生理の貧困について相談できる場所を知りたい",
        body="生理用品が買えないときに相談できる場所はありますか。知っている人がいたら教えてほしいです。",
        author="sasaki",
        name_hidden=True,
        municipality=SENDAI,
        themes=(T.GENDER, T.WELFARE),
        targets=(G.YOUNG_WOMEN,),
        merged_into=PERIOD_WHERE_TO_TURN,
        empathy=("suzuki", "kato"),
        days_ago=300,
    ),
    # seed 000 §2 1(2): the residence lab listed the resources needed to repeat Tagajo's trial
    # elsewhere.
    DemoIssue(
        title="多賀城の生理用品配布を他のまちでも行うために、必要な資源を洗い出したい",
        body=(
            "レジデンスラボの試行として、多賀城市の取り組みを別の地域で行うときに何が"
            "必要かを整理しています。\n\n"
            "1. 生理用品の調達（寄付・助成・購入）\n"
            "2. 配る場所と、配る人\n"
            "3. 相談先の一覧と、相談を受ける側の準備\n\n"
            "足りないものを一緒に埋めてくれる団体・企業を探しています。"
        ),
        author="tanaka",
        organization="sendai-miyagi-social-hub",
        municipality=SENDAI,
        themes=(T.GENDER, T.COMMUNITY),
        sdgs=("sdg05", "sdg17"),
        targets=(G.CHILDREN, G.YOUNG_WOMEN),
        walls=(W.OWNER, W.BUDGET),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "第2回テーマ勉強会の意見交換で、広げるための課題として挙がりました。",
            ),
            Move(S.IN_ACTION, "sato", "事務局ミーティングで資源の洗い出しを始めました。"),
        ),
        empathy=("sato", "ito", "watanabe", "kobayashi", "yamamoto"),
        follows=("sato", "watanabe"),
        offers=(
            Offer(
                "watanabe", (PLACE,), "サポートセンターで、配布の打ち合わせの場所を用意できます。"
            ),
        ),
        comments=(
            Comment(
                "yamamoto",
                "企業の寄付は、使い道と報告の形がはっきりしていると社内で通しやすいです。",
                (("tanaka", "ありがとうございます。報告の書式も一緒に考えたいです。"),),
            ),
        ),
        days_ago=480,
    ),
    # seed 000 §3 1(2)i, study session 3 (若年女性への支援, guest from NPO法人ほっぷすてっぷ).
    DemoIssue(
        title="若い女性が夜でも安心して立ち寄れる居場所が足りない",
        body=(
            "家にも学校にも居づらい10代・20代の女性が、夜に行ける場所が少ないと感じています。"
            "ネットで知り合った人の家に泊まるしかなかった、という話も聞きます。\n\n"
            "支援団体だけで場所と人を確保し続けるのは難しく、地域で支える形を考えたいです。"
        ),
        author="ito",
        organization="personal-support-center",
        municipality=AOBA,
        point=near(AOBA, -250, 180),
        themes=(T.GENDER, T.WELFARE),
        sdgs=("sdg05", "sdg10", "sdg16"),
        targets=(G.YOUNG_WOMEN, G.YOUTH),
        walls=(W.BUDGET, W.OWNER),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "第3回テーマ勉強会（参加18人）で、現場の状況として共有されました。",
            ),
            Move(
                S.IN_ACTION,
                "sato",
                "週1回の夜の居場所を、支援団体と市民ボランティアで試すことになりました。",
            ),
        ),
        empathy=("tanaka", "watanabe", "nakamura", "sasaki", "matsumoto", "suzuki", "kobayashi"),
        follows=("tanaka", "nakamura", "sasaki"),
        offers=(
            Offer(
                "nakamura",
                (SKILLS,),
                "利用した人の声を、個人が分からない形で記録・分析するお手伝いができます。",
            ),
            Offer("suzuki", (TIME,), "町内会の集会所を夜に使えるか、役員会に相談してみます。"),
        ),
        comments=(
            Comment(
                "watanabe",
                "場所を貸す側の不安（責任や安全）を先に聞いておくと、話が進みやすいと思います。",
                (("ito", "まさにそこで止まっています。貸す側向けの説明資料をつくります。"),),
            ),
        ),
        days_ago=360,
    ),
    # seed 000 study session 3: supporters' situation and the difficulties they face.
    DemoIssue(
        title="若年女性を支える人どうしが、相談の受け方や悩みを共有できる場がない",
        body=(
            "若い女性の相談を受けている人は、行政・NPO・学校・医療とばらばらで、"
            "どこまで対応してよいか一人で抱えてしまいがちです。\n"
            "個人情報に配慮しながら、支援する側が経験を持ち寄れる場をつくりたいです。"
        ),
        author="watanabe",
        organization="sendai-miyagi-npo-center",
        municipality=SENDAI,
        themes=(T.GENDER, T.WELFARE),
        sdgs=("sdg05", "sdg17"),
        targets=(G.YOUNG_WOMEN,),
        moves=(Move(S.SURFACED, "sato", "勉強会のあとのアンケートで、同じ希望が複数ありました。"),),
        empathy=("ito", "tanaka", "nakamura"),
        follows=("ito",),
        days_ago=330,
    ),
    # seed 000 study session 3 (an idea from the discussion).
    DemoIssue(
        title="10代の女の子がSNSで気軽に相談できる窓口がほしい",
        body=(
            "電話や窓口は敷居が高く、LINEやSNSなら話せるという声があります。"
            "夜間や休日にも対応できる仕組みと、つなぎ先の確保が必要です。"
        ),
        author="nakamura",
        municipality=SENDAI,
        themes=(T.GENDER, T.DIGITAL, T.CHILDCARE),
        sdgs=("sdg05",),
        targets=(G.YOUNG_WOMEN, G.CHILDREN),
        empathy=("matsumoto", "sasaki"),
        days_ago=40,
    ),
    # seed 000 study session 4: キャッシュフォーワークみやぎ (認定NPO法人Switch) — employment
    # with farm and IT skill learning for people whose jobs or shifts were cut by COVID-19.
    DemoIssue(
        title=CASH_FOR_WORK,
        body=(
            "新型コロナの影響で離職したり、シフトが減ったりした若者がいます。"
            "学び直したくても、その間の生活費がなければ動けません。\n\n"
            "**雇用してお給料を払いながら**、農業やITのスキル学習・職業体験・実習の機会を"
            "つくる「キャッシュフォーワーク」という考え方を、みやぎで試しています。"
        ),
        author="sato",
        organization="switch",
        municipality=SENDAI,
        themes=(T.WORK, T.AGRICULTURE, T.DIGITAL),
        sdgs=("sdg01", "sdg04", "sdg08"),
        targets=(G.YOUTH, G.JOBSEEKERS),
        moves=(
            Move(S.SURFACED, "sato", "第4回テーマ勉強会（参加19人）で事例として紹介されました。"),
            Move(S.IN_ACTION, "sato", "雇用型の学習プログラムが始まりました。"),
            Move(
                S.SOLVED,
                "sato",
                "参加した若者の多くが次の仕事に進み、制度として続けられる形になりました。",
            ),
        ),
        empathy=(
            "ito",
            "tanaka",
            "saito",
            "matsumoto",
            "sasaki",
            "kato",
            "yamada",
            "yoshida",
            "nakamura",
        ),
        follows=("ito", "saito", "yamada"),
        offers=(
            Offer(
                "saito",
                (PLACE, TIME),
                "うちの田んぼで実習を受け入れられます。春の田植えと秋の稲刈りが人手の山です。",
            ),
        ),
        comments=(
            Comment(
                "ito",
                "相談に来る若者にも紹介しています。「お金の心配をせずに学べる」ことが一歩目になっています。",
            ),
            Comment(
                "kato",
                "酒田市でも似た仕組みができないか、産業振興の担当として気になっています。",
                (("sato", "Switchの方におつなぎできます。情報交換会でお話ししましょう。"),),
            ),
        ),
        days_ago=600,
    ),
    # seed 000 study session 4 (the next step discussed: more host employers).
    DemoIssue(
        title="キャッシュフォーワークの受け入れ先になってくれる農家とIT企業を増やしたい",
        body=(
            "雇用しながら学ぶ仕組みを続けるには、実習を受け入れる事業者が欠かせません。"
            "受け入れる側の負担（教える時間、保険、評価）を軽くする工夫を一緒に考えてください。"
        ),
        author="ito",
        municipality=SENDAI,
        themes=(T.WORK, T.AGRICULTURE, T.INDUSTRY),
        sdgs=("sdg08", "sdg17"),
        targets=(G.YOUTH, G.BUSINESSES),
        walls=(W.MATCHING,),
        moves=(Move(S.SURFACED, "sato", "勉強会の意見交換で、次の課題として挙がりました。"),),
        empathy=("saito", "yamada"),
        offers=(
            Offer(
                "yamada", (SKILLS,), "庄内の農業者のつながりで、受け入れに関心のある方を探せます。"
            ),
        ),
        days_ago=250,
    ),
    # seed 000 §1 1(2): 町内会 members age and lack successors (仙台市町内会等実態調査).
    DemoIssue(
        title="町内会の役員のなり手がいない",
        body=(
            "私たちの町内会では、役員の多くが70代になりました。"
            "回覧板、防災訓練、夏祭りと仕事は減らないのに、引き受けてくれる人が見つかりません。\n\n"
            "若い世代や、働いている人でも関われる形に変えたいと考えています。"
        ),
        author="suzuki",
        municipality=AOBA,
        point=near(AOBA, 900, -1200),
        themes=(T.COMMUNITY, T.DISASTER),
        sdgs=("sdg11",),
        targets=(G.ELDERLY, G.EVERYONE),
        moves=(
            Move(S.SURFACED, "sato", "定例会で他の町内会からも同じ声があり、顕在化としました。"),
        ),
        empathy=("kobayashi", "tanaka", "watanabe", "nakamura"),
        follows=("kobayashi", "tanaka"),
        offers=(
            Offer(
                "tanaka",
                (SKILLS,),
                "役員の仕事を書き出して、分けられるものを探すワークショップを進行できます。",
            ),
        ),
        comments=(
            Comment(
                "kobayashi",
                "市の町内会等実態調査でも、高齢化と担い手不足は多くの町内会の悩みでした。",
                (("suzuki", "やはりそうですか。他の町内会の工夫も知りたいです。"),),
            ),
        ),
        days_ago=200,
    ),
    # seed 000 §1 1(2) (a follow-on idea from the same person).
    DemoIssue(
        title="町内会の行事を、スマホで役割分担できるようにしたい",
        body=(
            "夏祭りの準備を紙の名簿と電話で回していて、役員の負担が大きいです。"
            "若い人が「この時間だけ」手伝えるよう、スマホで役割を選べると参加しやすいのでは。"
        ),
        author="suzuki",
        municipality=AOBA,
        themes=(T.COMMUNITY, T.DIGITAL),
        targets=(G.EVERYONE,),
        empathy=("tanaka",),
        days_ago=12,
    ),
    # seed 000 §1 1(2): the share of people 65+ is expected to reach 40% by 2050–2055.
    DemoIssue(
        title="高齢化が進む団地で、ごみ出しが難しくなった一人暮らしの人がいる",
        body=(
            "坂の多い団地で、重いごみ袋を集積所まで運べない高齢の方が増えています。"
            "近所で声をかけ合っていますが、それも続くかどうか。"
            "仙台市では2050年ごろ、65歳以上が4割になる見込みだそうです。"
        ),
        author="suzuki",
        municipality=TAIHAKU,
        point=near(TAIHAKU, -1500, -2200),
        themes=(T.WELFARE, T.COMMUNITY, T.ENVIRONMENT),
        sdgs=("sdg03", "sdg11"),
        targets=(G.ELDERLY,),
        empathy=("ito", "nakamura"),
        comments=(
            Comment("nakamura", "同じ悩みの地区がほかにもあると思います。数を調べてみたいです。"),
        ),
        days_ago=25,
    ),
    # seed 000 §2 2(1): it was hard to bring session participants into the residence lab.
    DemoIssue(
        title="情報交換会に参加した人を、実際の取り組み（レジデンスラボ）につなげられていない",
        body=(
            "オンライン情報交換会には毎回いろいろな立場の人が来てくれますが、"
            "その先の実験・実践に参加する人はなかなか増えません。\n"
            "話を聞いて終わりにしないための、次の一歩の用意の仕方を考えたいです。"
        ),
        author="sato",
        organization="sendai-miyagi-social-hub",
        municipality=SENDAI,
        themes=(T.COMMUNITY,),
        sdgs=("sdg17",),
        targets=(G.EVERYONE,),
        walls=(W.OWNER, W.IDEATION),
        moves=(
            Move(S.SURFACED, "sato", "令和3年度の振り返りで、今後の課題として整理しました。"),
            Move(
                S.IN_ACTION,
                "sato",
                "情報交換会の最後に、関わり方を選べる申込みを用意することにしました。",
            ),
        ),
        empathy=("tanaka", "watanabe", "ito"),
        follows=("tanaka", "watanabe", "ito"),
        comments=(
            Comment(
                "tanaka",
                "参加者に「手伝えること」を一言書いてもらうだけでも、次につながりそうです。",
            ),
        ),
        days_ago=380,
    ),
    # seed 000 §3 1(2)ii: findings published on note and a Facebook group of about 350 members.
    DemoIssue(
        title="情報交換会でわかったことが、参加していない人には届いていない",
        body=(
            "情報交換会の報告はFacebookグループとnoteに載せていますが、"
            "探しにくく、あとから来た人が過去の議論をたどれません。"
            "誰でも読めて、テーマで探せる形で残したいです。"
        ),
        author="tanaka",
        organization="toshi-design-works",
        municipality=SENDAI,
        themes=(T.COMMUNITY, T.DIGITAL),
        sdgs=("sdg17",),
        moves=(
            Move(S.SURFACED, "sato", "事務局ミーティングで課題として確認しました。"),
            Move(S.IN_ACTION, "sato", "報告をテーマ別に整理し直す作業を始めました。"),
            Move(
                S.SOLVED,
                "sato",
                "このプラットフォームのアーカイブに報告を移し、検索できるようになりました。",
            ),
        ),
        empathy=("sato", "watanabe", "nakamura"),
        days_ago=450,
    ),
    # seed 000 §3 2: NTT East's Sendai central building (coworking, hotel) and the "仙台エコシ
    # ステム" idea of solving regional issues with industry, academia, government and finance.
    DemoIssue(
        title="再開発ビルのコワーキングスペースを、地域の課題に取り組む人の拠点にしたい",
        body=(
            "仙台中心部で建設中のビルの低層部に、コワーキングスペースができる予定です。"
            "朝市や商店街の人たちとも話し合いながら、地域の課題に取り組む人が集まれる場に"
            "できないか考えています。どんな使い方があれば通いたいですか。"
        ),
        author="sato",
        organization="ntt-urban-development",
        municipality=AOBA,
        point=near(AOBA, -180, 650),
        themes=(T.COMMUNITY, T.INDUSTRY),
        sdgs=("sdg09", "sdg11", "sdg17"),
        targets=(G.BUSINESSES, G.EVERYONE),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "企業ヒアリング（令和3年10月）で、ソーシャルハブとの連携の可能性を確認しました。",
            ),
        ),
        empathy=("tanaka", "nakamura", "sasaki"),
        comments=(
            Comment(
                "sasaki",
                "副業で関わる側としては、月に数回使える会員の形があるとうれしいです。",
            ),
        ),
        days_ago=320,
    ),
    # seed 000 §3 2: Smart Innovation Lab Sendai — AI/IoT in local fisheries, some welfare cases.
    DemoIssue(
        title="水産業で使われているAI・IoTの技術を、福祉の現場でも使えないか",
        body=(
            "地元の水産業では、AIやIoTを使って水温や作業を見える化する事例があると聞きました。"
            "介護や見守りの現場でも、人手不足を補う使い方があるかもしれません。"
            "技術を持つ企業と、現場を知るNPOが話せる場がほしいです。"
        ),
        author="ito",
        municipality=MIYAGINO,
        themes=(T.WELFARE, T.DIGITAL),
        sdgs=("sdg03", "sdg09"),
        targets=(G.ELDERLY, G.BUSINESSES),
        walls=(W.MATCHING, W.CULTURE),
        empathy=("nakamura", "yamamoto"),
        days_ago=150,
    ),
    # seed 000 §3 2: Tohoku EPCO's grant programme surfaced issues applicants had not thought
    # of; a platform to share issues loosely was found necessary.
    DemoIssue(
        title="助成プログラムに集まった地域の課題を、採択されなかったものも含めて共有したい",
        body=(
            "地域活性化の助成プログラムには、毎年たくさんの応募があります。"
            "採択されなかった提案の中にも、地域が抱える大事な課題が書かれています。\n\n"
            "応募した人の了解を得たうえで、課題をゆるやかに共有できる仕組みがあれば、"
            "別の企業や団体が手を挙げるきっかけになるはずです。"
        ),
        author="yamamoto",
        organization="tohoku-epco",
        municipality=AOBA,
        themes=(T.COMMUNITY, T.INDUSTRY),
        sdgs=("sdg17",),
        targets=(G.BUSINESSES,),
        walls=(W.MATCHING, W.FAIRNESS),
        moves=(
            Move(S.SURFACED, "sato", "企業ヒアリング（令和4年2月）で必要性を確認しました。"),
            Move(
                S.IN_ACTION,
                "sato",
                "応募者の了解を得て、課題をこのプラットフォームに載せる試行を始めました。",
            ),
        ),
        empathy=("sato", "tanaka", "kobayashi", "nakamura", "yamada"),
        follows=("sato", "kobayashi"),
        comments=(
            Comment(
                "kobayashi",
                "行政でも、補助金の不採択案件に良い課題が埋もれていると感じます。公平性に配慮した共有の仕方を相談させてください。",
            ),
        ),
        days_ago=280,
    ),
    # seed 000 §3 2: 株式会社プロトソリューション's matching site "JomoNex" — more "starters"
    # than "jumpers" (people who want to help).
    DemoIssue(
        title="地域の課題に取り組む人に比べて、応援したい人の登録が少ない",
        body=(
            "地域課題の解決に取り組む人と、応援したい人をつなぐサイトを運営しています。"
            "取り組む側の登録は増えていますが、応援する側はまだ少ないのが悩みです。"
            "「いいね」から始めて、少しずつ関わりを深めてもらう道筋をつくりたいです。"
        ),
        author="sato",
        organization="proto-solution",
        municipality=SENDAI,
        themes=(T.COMMUNITY, T.DIGITAL),
        sdgs=("sdg17",),
        targets=(G.EVERYONE,),
        empathy=("tanaka", "sasaki"),
        days_ago=260,
    ),
    # seed 000 §3 1(1)③: two hearings with the student group manaco (Nov 2021).
    DemoIssue(
        title="学生団体のメンバーが卒業すると、活動のノウハウが引き継がれない",
        body=(
            "学生団体は毎年メンバーが入れ替わり、つながった地域の人や団体との関係も"
            "卒業とともに途切れがちです。記録の残し方や、地域の大人との関係づくりについて"
            "相談できる先がほしいです。"
        ),
        author="sato",
        organization="manaco",
        municipality=SENDAI,
        themes=(T.EDUCATION, T.COMMUNITY),
        sdgs=("sdg04", "sdg17"),
        targets=(G.YOUTH,),
        walls=(W.TRANSFER,),
        moves=(
            Move(S.SURFACED, "sato", "学生団体への聞き取り（令和3年11月）で共有された課題です。"),
        ),
        empathy=("nakamura", "watanabe"),
        comments=(
            Comment(
                "watanabe",
                "団体運営の記録のつけ方なら、サポートセンターの相談窓口でもお手伝いできます。",
                (("sato", "学生さんにも伝えます。"),),
            ),
        ),
        days_ago=210,
    ),
    # seed 000 §1 1(2): community organizations themselves had to stop during the pandemic.
    DemoIssue(
        title="コロナ禍で止まった市民活動を再開したいが、参加者が戻らない",
        body=(
            "集まる活動を2年近く休んでいるうちに、参加者も担い手も離れてしまいました。"
            "オンラインに切り替えた団体の工夫を聞きたいです。"
        ),
        author="watanabe",
        municipality=IZUMI,
        themes=(T.COMMUNITY, T.CULTURE),
        targets=(G.EVERYONE,),
        moves=(
            Move(S.SURFACED, "sato", "複数の団体から同じ相談がありました。"),
            Move(
                S.CLOSED,
                "sato",
                "多くの団体が活動を再開し、相談は個別の支援に引き継いだため、いったん閉じます。",
            ),
        ),
        empathy=("suzuki",),
        days_ago=700,
    ),
    # seed 000 §1 1(2): support from citizens for vulnerable people whom policies do not reach.
    DemoIssue(
        title="行政の支援が届きにくい人を、地域の団体どうしでつなぐ仕組みがない",
        body=(
            "生活に困っていても制度の対象にならない人や、制度を知らない人がいます。"
            "食料支援、子ども食堂、相談支援の団体がそれぞれ動いていますが、"
            "お互いの状況が見えず、紹介し合うのが難しいです。"
        ),
        author="ito",
        organization="personal-support-center",
        municipality=WAKABAYASHI,
        point=near(WAKABAYASHI, 300, -400),
        themes=(T.WELFARE, T.COMMUNITY),
        sdgs=("sdg01", "sdg10", "sdg17"),
        targets=(G.JOBSEEKERS, G.PARENTS),
        walls=(W.MATCHING,),
        moves=(Move(S.SURFACED, "sato", "定例会で支援団体の方々から繰り返し出ている課題です。"),),
        empathy=("watanabe", "nakamura", "tanaka", "kobayashi"),
        follows=("watanabe",),
        days_ago=240,
    ),
    # seed 000 §1 1(2) and 図1: the functions the city lacks; the researcher's view.
    DemoIssue(
        title="地域の担い手不足が、どの地区でどれくらい深刻なのかが見えない",
        body=(
            "担い手不足はどこでも言われますが、地区ごとの状況を比べられるデータがありません。"
            "町内会・市民活動団体・企業のつながりを調べ、支援が必要な地区を見える化したいです。"
            "調査に協力していただける団体を募集しています。"
        ),
        author="nakamura",
        organization="morinomiyako-kyoso-university",
        municipality=SENDAI,
        themes=(T.COMMUNITY,),
        sdgs=("sdg11", "sdg17"),
        targets=(G.EVERYONE,),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "研究センターから調査計画の説明があり、情報交換会で共有しました。",
            ),
        ),
        empathy=("suzuki", "kobayashi"),
        offers=(Offer("suzuki", (TIME,), "町内会として調査に協力します。"),),
        days_ago=90,
    ),
    # seed 000 §3 2 (the hearings' purpose: what makes local companies join social issues).
    DemoIssue(
        title="地元の企業が社会課題の解決に関わりたくても、最初の入口が分からない",
        body=(
            "SDGsに取り組みたい企業は増えていますが、どのNPOに声をかければいいか、"
            "どこまで関わればいいかが分からないという声を聞きます。"
            "企業側の「関わり方のメニュー」があると動きやすいと思います。"
        ),
        author="yamamoto",
        municipality=SENDAI,
        themes=(T.INDUSTRY, T.COMMUNITY),
        sdgs=("sdg17",),
        targets=(G.BUSINESSES,),
        walls=(W.MATCHING, W.CULTURE),
        empathy=("sato", "yoshida"),
        days_ago=60,
    ),
    # seed 000 §2 2(1): using マチノワひろば / マチノワギャラリー for publishing.
    DemoIssue(
        title="サポートセンターの展示スペースで、地域の課題と取り組みを紹介したい",
        body=(
            "オンラインでの発信に加えて、実際に足を運んだ人が課題に出会える場をつくりたいです。"
            "ギャラリーで、取り組み中のプロジェクトを月替わりで紹介する案を考えています。"
        ),
        author="watanabe",
        organization="sendai-shimin-katsudo-support-center",
        municipality=AOBA,
        point=near(AOBA, 60, 420),
        themes=(T.COMMUNITY, T.CULTURE),
        sdgs=("sdg17",),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "今後の展望として、アーカイブ・ギャラリーの方向性に位置づけました。",
            ),
            Move(S.IN_ACTION, "sato", "最初の展示の準備を始めました。"),
        ),
        empathy=("tanaka", "sato"),
        days_ago=170,
    ),
    # seed 000 §1 1(2) and seed 004 (the network that brought know-how after the disaster).
    DemoIssue(
        title="震災のときにできた地域外とのつながりを、ふだんの活動にも生かしたい",
        body=(
            "震災のあと、多くのボランティアや団体が地域に関わってくれました。"
            "そのつながりが、平時の課題にも役立つはずですが、だんだん細くなっています。"
        ),
        author="nakamura",
        municipality=ISHINOMAKI,
        point=near(ISHINOMAKI, -300, 500),
        themes=(T.DISASTER, T.COMMUNITY),
        sdgs=("sdg11", "sdg17"),
        targets=(G.EVERYONE,),
        moves=(
            Move(
                S.SURFACED, "sato", "復興の過程で蓄積された資産として、情報交換会で議論しました。"
            ),
        ),
        empathy=("sasaki", "tanaka", "yamamoto"),
        days_ago=130,
    ),
    # seed 000 §1 1(2) (vacant houses grow with ageing; coastal Miyagi).
    DemoIssue(
        title="港町の空き家が増え、移住を考える人に貸せる家が見つからない",
        body=(
            "空き家はたくさんあるのに、持ち主が分からなかったり、片付けが済んでいなかったりして、"
            "貸し出せる家はわずかです。移住したい若い世帯の問い合わせに応えられていません。"
        ),
        author="sasaki",
        municipality=KESENNUMA,
        point=near(KESENNUMA, 200, 300),
        themes=(T.HOUSING, T.COMMUNITY),
        sdgs=("sdg11",),
        targets=(G.PARENTS, G.YOUTH),
        walls=(W.OWNER,),
        empathy=("kato",),
        days_ago=35,
    ),
    # seed 000 §1 1(2): single parents' poverty in a "格差社会" (a person's post).
    DemoIssue(
        title="ひとり親家庭の子どもが、放課後に勉強できる場所がない",
        body="仕事で帰りが遅く、子どもが一人で過ごしています。近所に無料で勉強を見てもらえる場所があると安心です。",
        author="matsumoto",
        name_hidden=True,
        municipality=NATORI,
        themes=(T.CHILDCARE, T.EDUCATION),
        sdgs=("sdg01", "sdg04"),
        targets=(G.CHILDREN, G.PARENTS),
        empathy=("ito", "suzuki", "nakamura"),
        days_ago=18,
    ),
    # seed 000 §1 1(1): the city's 協働 principles (自立・連携・創発) — a public body's post.
    DemoIssue(
        title="市の課題を公開して、市民や企業から解決の提案を受けたい",
        body=(
            "市役所の中だけでは解けない課題が増えています。"
            "課題をオープンにして、市民や企業から提案を受ける窓口を試したいと考えています。"
            "どんな書き方なら提案しやすいか、意見をください。"
        ),
        author="kobayashi",
        organization="sendai-city",
        municipality=SENDAI,
        themes=(T.COMMUNITY, T.DIGITAL),
        sdgs=("sdg16", "sdg17"),
        targets=(G.EVERYONE, G.BUSINESSES),
        walls=(W.PRECEDENT, W.FAIRNESS, W.VERBALIZATION),
        moves=(
            Move(S.SURFACED, "sato", "市の担当課と事務局で、公開する課題の候補を出し合いました。"),
        ),
        empathy=("yamamoto", "tanaka", "sasaki"),
        follows=("yamamoto",),
        comments=(
            Comment(
                "yamamoto",
                "企業としては、課題の背景と「どこまで決まっているか」が書いてあると提案しやすいです。",
            ),
        ),
        days_ago=75,
    ),
    # seed 000 (a seed-stage idea from a member in Tomiya, north of Sendai).
    DemoIssue(
        title="新しく越してきた子育て世帯が、地域の行事や相談先を知る機会が少ない",
        body="転入してきた家庭が孤立しがちです。転入届のときに、地域の子育てサークルや相談先を紹介できるとよいと思います。",
        author="tanaka",
        municipality=TOMIYA,
        themes=(T.CHILDCARE, T.COMMUNITY),
        targets=(G.PARENTS,),
        empathy=("suzuki",),
        days_ago=5,
    ),
]
