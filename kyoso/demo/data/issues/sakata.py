"""Demo issues from Sakata and Shonai: seed 001 (酒田市 地域再生計画「共創コミュニティの
創出・運営支援による、新たな産業振興支援事業」, /work/shared/seeds/001_39eedf24b86ec709.txt).

The co-creation communities (agriculture, manufacturing, IT freelance women, high-school
business, social business), the tools (チーム庄内, 三十六人衆, local fund, coworking), the KPIs
and the Shiojiri partnership come from the seed section named above each issue; the people
and their words are invented.
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

SAKATA = "06204"
TSURUOKA = "06203"
SHONAI = "06428"
YUZA = "06461"
MIKAWA = "06426"

IT_WOMEN_WORK = "IT女子フリーランスに、地域の仕事が継続して届かない"

ISSUES: list[DemoIssue] = [
    # seed 001 §4-2 / §5-2③ 2: the agriculture community (shared sales channels, new business
    # with tech ventures); farm successors are the sector's long-standing issue.
    DemoIssue(
        title="農家の後継者が見つからず、田んぼを任せる先がない",
        body=(
            "このあたりの米農家は70代が中心で、5年後に誰が田んぼを続けるのか分かりません。"
            "子どもは県外で働いていて、戻る予定はないという家がほとんどです。\n\n"
            "- 新しく農業を始めたい人と、やめたい農家を早めにつなぐ\n"
            "- 機械や倉庫を共同で使えるようにする\n\n"
            "農家だけで考えていても限界があるので、いろいろな立場の人の知恵を借りたいです。"
        ),
        author="saito",
        organization="shonai-nogyo-kyoso",
        municipality=SAKATA,
        point=near(SAKATA, 2500, 4200),
        themes=(T.AGRICULTURE, T.WORK),
        sdgs=("sdg02", "sdg08", "sdg15"),
        targets=(G.BUSINESSES, G.YOUTH),
        walls=(W.OWNER, W.MATCHING),
        moves=(
            Move(S.SURFACED, "sato", "庄内農業共創研究会の集まりで、全員が挙げた課題でした。"),
            Move(
                S.IN_ACTION,
                "sato",
                "就農希望者向けの農家見学ツアーを、サンロクと一緒に始めました。",
            ),
        ),
        empathy=("yamada", "yoshida", "kato", "yamaguchi", "matsumoto", "sasaki", "suzuki"),
        follows=("yamada", "yoshida", "kato"),
        offers=(
            Offer(
                "yoshida",
                (MONEY, SKILLS),
                "事業承継の相談と、機械の共同購入の資金計画をお手伝いできます。",
            ),
            Offer(
                "sasaki",
                (SKILLS,),
                "就農希望者に届く発信（SNS・募集ページ）を副業でお手伝いできます。",
            ),
        ),
        comments=(
            Comment(
                "yamada",
                "チーム庄内で「農業を始めたい人」向けの回をやってみませんか。アイデアと仲間が集まるかもしれません。",
                (("saito", "ぜひお願いします。田植えの前がいいです。"),),
            ),
            Comment("kato", "市の移住促進策とも組み合わせられそうです。担当課に共有しました。"),
        ),
        days_ago=400,
    ),
    # seed 001 §5-2③ 2: agriculture community — shared sales channels.
    DemoIssue(
        title="農家が一軒ずつ販路を探していて、手間がかかり売り先も広がらない",
        body=(
            "直売所、ネット販売、飲食店への卸しと、農家がそれぞれ営業しています。"
            "仲間で出荷と販路を共通にすれば、手間が減り、大きな取引先とも話ができるはずです。"
        ),
        author="saito",
        organization="shonai-nogyo-kyoso",
        municipality=SAKATA,
        themes=(T.AGRICULTURE, T.INDUSTRY),
        sdgs=("sdg02", "sdg08", "sdg12"),
        targets=(G.BUSINESSES,),
        moves=(
            Move(S.SURFACED, "sato", "研究会のテーマとして設定しました。"),
            Move(S.IN_ACTION, "sato", "枝豆の共同出荷を試験的に始めました。"),
            Move(S.SOLVED, "sato", "共同出荷が2シーズン続き、参加農家が増えました。"),
        ),
        empathy=("yamaguchi", "yoshida", "yamada", "matsumoto"),
        follows=("yamaguchi",),
        offers=(
            Offer("yamaguchi", (SKILLS,), "食品メーカー時代の取引先に、共同出荷の話をつなげます。"),
        ),
        comments=(
            Comment(
                "yamaguchi",
                "三十六人衆の会で紹介したところ、首都圏の小売りの方が関心を持っていました。",
            ),
        ),
        days_ago=520,
    ),
    # seed 001 §5-2③ 2: agriculture × outside tech ventures.
    DemoIssue(
        title="水田の水管理の見回りが負担で、センサーで省力化したい",
        body=(
            "夏の間、毎朝すべての田んぼの水位を見て回っています。"
            "センサーで水位をスマホに送る仕組みを、外部のテック系ベンチャーと試したいです。"
            "費用と、誰が設定や保守をするかが課題です。"
        ),
        author="saito",
        municipality=SHONAI,
        point=near(SHONAI, -800, 1500),
        themes=(T.AGRICULTURE, T.DIGITAL),
        sdgs=("sdg02", "sdg09"),
        targets=(G.BUSINESSES,),
        walls=(W.BUDGET,),
        moves=(
            Move(S.SURFACED, "sato", "研究会で省力化のテーマとして取り上げました。"),
            Move(S.IN_ACTION, "sato", "3軒の農家でセンサーの試験設置を始めました。"),
        ),
        empathy=("yamada", "matsumoto"),
        offers=(
            Offer(
                "matsumoto",
                (SKILLS,),
                "通知の設定や使い方の説明なら、IT女子のメンバーでお手伝いできます。",
            ),
        ),
        days_ago=190,
    ),
    # seed 002 (ウエルクリエイト: compost from organic waste to reduce abandoned farmland) and
    # seed 001 (agriculture community).
    DemoIssue(
        title="耕作放棄地が増えて、草刈りや獣害の負担が周りの農家にかかっている",
        body="使われなくなった畑が荒れて、イノシシや害虫が出るようになりました。土を生かし直す方法を探しています。",
        author="saito",
        municipality=YUZA,
        point=near(YUZA, 1200, -900),
        themes=(T.AGRICULTURE, T.ENVIRONMENT),
        sdgs=("sdg02", "sdg15"),
        targets=(G.BUSINESSES, G.EVERYONE),
        empathy=("yoshida",),
        days_ago=45,
    ),
    # seed 001 §4-2: community-specific themes; seed 002 (shopping streets with vacant shops
    # turned into shared offices, IT firms and nurseries).
    DemoIssue(
        title="中心市街地の空き店舗と空き家が増え、まちの人通りが減っている",
        body=(
            "商店街のシャッターが閉まったままの建物が目立つようになりました。"
            "持ち主は貸したい気持ちはあっても、改修費や貸す相手の当てがない状態です。\n\n"
            "シェアオフィスやチャレンジショップなど、使い方の例と借りたい人を集めたいです。"
        ),
        author="yamada",
        organization="sakata-sanroku",
        municipality=SAKATA,
        point=near(SAKATA, -350, -250),
        themes=(T.HOUSING, T.COMMUNITY, T.INDUSTRY),
        sdgs=("sdg11",),
        targets=(G.BUSINESSES, G.EVERYONE),
        walls=(W.BUDGET, W.CONSENSUS),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "商工会議所とサンロクの意見交換で、共通の課題として確認しました。",
            ),
        ),
        empathy=("kato", "yoshida", "matsumoto", "sasaki", "yamaguchi"),
        follows=("kato", "yoshida"),
        offers=(
            Offer(
                "yoshida",
                (MONEY,),
                "改修費の融資について、空き店舗を活用する事業者の相談に乗れます。",
            ),
        ),
        comments=(
            Comment(
                "sasaki",
                "首都圏の副業人材が月に何日か滞在して働ける場所があれば、関わる人が増えると思います。",
            ),
        ),
        days_ago=230,
    ),
    # seed 001 §5-2④【政策間連携】: housing for newcomers (autumn 2022) with a shared office
    # where newcomers can start a business.
    DemoIssue(
        title="移住してきた人が、酒田で起業するための場所と相談相手がほしい",
        body=(
            "移住者向けの住宅に、移住者どうしや地元の人と交流でき、起業もできるシェアオフィスを"
            "設ける予定です。入居した人が事業を始めるとき、サンロクの支援につなげる流れを"
            "つくりたいと考えています。"
        ),
        author="kato",
        organization="sakata-city",
        municipality=SAKATA,
        point=near(SAKATA, 600, 900),
        themes=(T.HOUSING, T.WORK, T.INDUSTRY),
        sdgs=("sdg08", "sdg11"),
        targets=(G.YOUTH, G.BUSINESSES),
        moves=(
            Move(S.SURFACED, "sato", "地域再生計画の政策間連携として位置づけられました。"),
            Move(
                S.IN_ACTION,
                "sato",
                "移住者専用住宅のシェアオフィスが開業し、入居者の相談受付が始まりました。",
            ),
        ),
        empathy=("yamada", "sasaki", "matsumoto"),
        follows=("yamada",),
        offers=(
            Offer(
                "yamada",
                (SKILLS, TIME),
                "サンロクのコンシェルジュとして、入居者の事業相談を定期的に受けます。",
            ),
        ),
        days_ago=310,
    ),
    # seed 001 (vacant houses; a Tsuruoka family's view — housing for child-raising families).
    DemoIssue(
        title="空き家を子育て世帯が借りやすくする仕組みがほしい",
        body=(
            "子どもが増えて広い家に住みたいのですが、賃貸の一戸建てがほとんどありません。"
            "空き家はあるので、改修費の補助や、貸す人と借りる人をつなぐ窓口があると助かります。"
        ),
        author="matsumoto",
        municipality=TSURUOKA,
        point=near(TSURUOKA, 700, -600),
        themes=(T.HOUSING, T.CHILDCARE),
        sdgs=("sdg11",),
        targets=(G.PARENTS,),
        empathy=("kato", "suzuki"),
        days_ago=22,
    ),
    # seed 001 §5-2③ 2: high-school business community with やまがたAI部 (AI training for
    # high-school students by a consortium of companies) solving local firms' issues with AI.
    DemoIssue(
        title="AIを学んだ高校生が、地元企業の困りごとに挑戦できる機会がほしい",
        body=(
            "やまがたAI部で機械学習を学んでいる高校生がいます。"
            "練習用のデータではなく、地元の企業が実際に困っていること（需要予測、画像での検品など）"
            "に取り組めれば、学びにも企業にもプラスになるはずです。\n\n"
            "課題とデータを出してくれる企業を募集しています。"
        ),
        author="sato",
        organization="yamagata-ai-bu",
        municipality=SAKATA,
        themes=(T.EDUCATION, T.DIGITAL, T.INDUSTRY),
        sdgs=("sdg04", "sdg09"),
        targets=(G.YOUTH, G.BUSINESSES),
        walls=(W.MATCHING,),
        moves=(
            Move(
                S.SURFACED,
                "sato",
                "高校生ビジネスコミュニティの立ち上げで、最初のテーマになりました。",
            ),
            Move(
                S.IN_ACTION,
                "sato",
                "地元の食品加工会社2社が課題とデータを提供し、取り組みが始まりました。",
            ),
        ),
        empathy=("yamada", "kato", "yamaguchi", "nakamura", "matsumoto"),
        follows=("yamada", "nakamura"),
        offers=(
            Offer(
                "yamaguchi", (SKILLS,), "食品製造の現場の課題について、高校生に話をしに行けます。"
            ),
        ),
        comments=(
            Comment(
                "nakamura",
                "大学としても、高校生の発表会に研究者を派遣できます。",
                (("sato", "助かります。秋の発表会でお願いできればうれしいです。"),),
            ),
        ),
        days_ago=350,
    ),
    # seed 001 §4-2: cross-community fusion "クリエイター×高校生".
    DemoIssue(
        title="高校生の起業アイデアを、地元のクリエイターと一緒に形にしたい",
        body=(
            "高校生が考えた商品やサービスのアイデアが、発表して終わりになっています。"
            "デザインや動画が得意な地元のクリエイターと組めば、試作や販売まで進められるかもしれません。"
        ),
        author="yamada",
        municipality=SAKATA,
        themes=(T.EDUCATION, T.INDUSTRY, T.CULTURE),
        sdgs=("sdg04", "sdg08"),
        targets=(G.YOUTH, G.CHILDREN),
        moves=(Move(S.SURFACED, "sato", "チーム庄内の高校生回で、同じ声が多く出ました。"),),
        empathy=("matsumoto",),
        offers=(
            Offer(
                "matsumoto", (SKILLS, TIME), "ロゴやチラシのデザインを、高校生と一緒につくれます。"
            ),
        ),
        days_ago=120,
    ),
    # seed 001 §4-1③ and §5-2③ 3③: projects without a sure return find funding hard; the
    # local fund.
    DemoIssue(
        title="高校生が始めたい事業に、最初の少額の資金を出してくれる先がない",
        body="数万円あれば試せることでも、高校生は融資も補助金も受けられません。地域の人が少しずつ応援できる仕組みがほしいです。",
        author="yamada",
        organization="sakata-sanroku",
        municipality=SAKATA,
        themes=(T.EDUCATION, T.INDUSTRY),
        sdgs=("sdg04", "sdg08"),
        targets=(G.YOUTH,),
        walls=(W.BUDGET,),
        empathy=("yoshida", "kato"),
        days_ago=8,
    ),
    # seed 001 §4-2 KPI ② and §5-2③ 2: the IT women community — skills matched to real work,
    # jobs brokered with a staffing partner; well-being target 60%.
    DemoIssue(
        title=IT_WOMEN_WORK,
        body=(
            "サンロクIT女子のメンバーは、ホームページ制作やSNS運用、データ入力などができます。"
            "でも、仕事は知り合いからの単発が中心で、毎月の収入の見通しが立ちません。\n\n"
            "- 企業が発注しやすい窓口をつくる\n"
            "- 品質をそろえるためのチェックの仕組み\n"
            "- 子育てと両立できる納期の組み方\n\n"
            "コミュニティに入って「暮らしがよくなった」と感じる人を増やしたいです。"
        ),
        author="matsumoto",
        organization="sanroku-it-joshi",
        municipality=SAKATA,
        point=near(SAKATA, -120, 80),
        themes=(T.GENDER, T.WORK, T.DIGITAL),
        sdgs=("sdg05", "sdg08"),
        targets=(G.YOUNG_WOMEN, G.PARENTS),
        walls=(W.MATCHING,),
        moves=(
            Move(S.SURFACED, "sato", "コミュニティの初回アンケートで、最も多かった声です。"),
            Move(S.IN_ACTION, "sato", "人材派遣・職業紹介の企業と連携した仕事の受付を始めました。"),
        ),
        empathy=("kato", "yamada", "sasaki", "tanaka", "yoshida", "nakamura", "ito", "suzuki"),
        follows=("kato", "yamada", "sasaki"),
        offers=(
            Offer(
                "sasaki",
                (SKILLS,),
                "首都圏の会社から、リモートでできるマーケティング補助の仕事を切り出せないか相談してみます。",
            ),
            Offer(
                "kato",
                (TIME,),
                "市の業務で外部に出せるデジタル関係の仕事がないか、庁内で洗い出します。",
            ),
        ),
        comments=(
            Comment(
                "kato",
                "毎年9月の検証で、well-beingが向上したと答える人の割合を見ています。声を聞かせてください。",
                (("matsumoto", "アンケートの項目づくりから一緒にやらせてください。"),),
            ),
            Comment("yamada", "塩尻市との連携の話も進んでいます。別の課題として立てました。"),
        ),
        days_ago=390,
    ),
    # seed 001 §5-2④【地域間連携】: Shiojiri shares part of the work it wins; Sakata women do
    # it remotely; quality-control know-how transferred.
    DemoIssue(
        title="塩尻市が受けた業務の一部を、酒田の女性がリモートで担えるようにしたい",
        body=(
            "塩尻市には、女性がITスキルを生かして仕事をする事業があります。"
            "獲得した業務の一部を分けてもらい、酒田の女性がリモートで作業して納品する仕組みを"
            "つくりたいです。スキルアップや品質管理のやり方も教わる予定です。"
        ),
        author="yamada",
        organization="sakata-sanroku",
        municipality=SAKATA,
        themes=(T.GENDER, T.WORK, T.DIGITAL),
        sdgs=("sdg05", "sdg08", "sdg17"),
        targets=(G.YOUNG_WOMEN,),
        walls=(W.PRECEDENT, W.CONSENSUS),
        moves=(
            Move(S.SURFACED, "sato", "地域再生計画の地域間連携として合意しました。"),
            Move(S.IN_ACTION, "sato", "最初の業務（データ整備）の受け渡しが始まりました。"),
            Move(S.SOLVED, "sato", "1年間、納期と品質を守って納品でき、継続の契約になりました。"),
            Move(S.SPREAD, "sato", "同じ仕組みを近隣の町にも紹介し、モデルとして共有しています。"),
        ),
        empathy=("matsumoto", "kato", "sasaki", "tanaka"),
        follows=("matsumoto",),
        days_ago=620,
    ),
    # seed 001 §5-2④【デジタル社会の形成への寄与】(mothers learning IT skills).
    DemoIssue(
        title="子育て中で、ITスキルを学ぶ時間とお金の余裕がない",
        body=(
            "在宅でできる仕事をしたくて勉強したいのですが、講座は夜や週末が多く、"
            "子どもを預ける先もありません。託児つきや、短い時間で学べる形があるとうれしいです。"
        ),
        author="sasaki",
        name_hidden=True,
        municipality=SAKATA,
        themes=(T.GENDER, T.DIGITAL, T.CHILDCARE),
        sdgs=("sdg04", "sdg05"),
        targets=(G.YOUNG_WOMEN, G.PARENTS),
        moves=(Move(S.SURFACED, "sato", "IT女子コミュニティの説明会で、同じ声が複数ありました。"),),
        empathy=("matsumoto", "kato", "ito"),
        offers=(
            Offer("matsumoto", (TIME,), "昼間の短時間講座を、託児つきで試せないか計画してみます。"),
        ),
        days_ago=160,
    ),
    # seed 001 §5-2④ 理由①: IT women support older people's digital use (smartphones).
    DemoIssue(
        title="高齢の方がスマホの使い方を気軽に聞ける場所がない",
        body="ワクチン予約もお店の予約もスマホが前提になり、周りに聞ける人がいない高齢の方が困っています。",
        author="yamada",
        municipality=SAKATA,
        point=near(SAKATA, 1100, -700),
        themes=(T.DIGITAL, T.WELFARE),
        sdgs=("sdg10",),
        targets=(G.ELDERLY,),
        moves=(
            Move(S.SURFACED, "sato", "地域の集まりで多くの相談がありました。"),
            Move(S.IN_ACTION, "sato", "IT女子のメンバーによるスマホ相談会を月1回始めました。"),
        ),
        empathy=("matsumoto", "suzuki", "kato"),
        offers=(Offer("matsumoto", (SKILLS, TIME), "スマホ相談会の講師をします。"),),
        comments=(
            Comment("suzuki", "仙台の町内会でも同じ悩みがあります。やり方を教えてほしいです。"),
        ),
        days_ago=140,
    ),
    # seed 001 §5-2④ 理由①: digitalisation of small firms and farms (EC, websites, SNS,
    # cloud accounting).
    DemoIssue(
        title="小さなお店や農家が、ネット販売やホームページに手が回らない",
        body=(
            "コロナ禍でネット販売を始めたいお店が増えましたが、"
            "何から手をつければよいか分からず止まっています。"
            "地元のITフリーランスに頼みたくても、誰に頼めばいいか分かりません。"
        ),
        author="yamada",
        organization="sakata-sanroku",
        municipality=SAKATA,
        themes=(T.DIGITAL, T.INDUSTRY, T.AGRICULTURE),
        sdgs=("sdg08", "sdg09"),
        targets=(G.BUSINESSES,),
        walls=(W.MATCHING,),
        moves=(
            Move(S.SURFACED, "sato", "サンロクへの事業相談で最も多い内容の一つです。"),
            Move(S.IN_ACTION, "sato", "IT女子のメンバーと事業者の相談会を始めました。"),
        ),
        empathy=("saito", "matsumoto", "yoshida"),
        follows=("saito",),
        days_ago=270,
    ),
    # seed 001 §4-1③ and §5-2③ 3③: social-issue businesses rarely get loans; local fund.
    DemoIssue(
        title="社会課題に取り組む事業は、返済の見通しが立ちにくく融資が下りにくい",
        body=(
            "地域づくりや社会課題の解決をめざす事業は、利益が出るまで時間がかかります。"
            "補助金は条件が細かく、融資では審査が通りにくいのが実情です。\n\n"
            "共感した市民や企業からお金を集め、プロジェクトに投じる「ローカルファンド」を"
            "地域でつくりたいと考えています。お金を出した人が応援する仲間になることも大事にしたいです。"
        ),
        author="yoshida",
        organization="shonai-minato-shinkin",
        municipality=SAKATA,
        themes=(T.INDUSTRY, T.COMMUNITY),
        sdgs=("sdg08", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.BUDGET, W.PRECEDENT),
        moves=(
            Move(S.SURFACED, "sato", "地域再生計画で、構造的な課題③として整理されました。"),
            Move(
                S.IN_ACTION,
                "sato",
                "ローカルファンドの検討会が、行政・金融機関・民間の参加で始まりました。",
            ),
        ),
        empathy=("yamada", "kato", "saito", "yamaguchi", "watanabe"),
        follows=("yamada", "kato", "watanabe"),
        offers=(
            Offer(
                "yamaguchi",
                (MONEY,),
                "個人として出資者になります。最初の案件が決まったら教えてください。",
            ),
        ),
        comments=(
            Comment(
                "watanabe",
                "宮城のNPOも同じ悩みを抱えています。検討の内容を共有していただけるとありがたいです。",
                (("yoshida", "検討会のまとめをこちらに載せていきます。"),),
            ),
        ),
        days_ago=430,
    ),
    # seed 001 §5-2④【自立性】: the fund's policy, scheme and operating body to be decided;
    # organisation targeted for 2024.
    DemoIssue(
        title="ローカルファンドの運営を誰が担い、どんな基準で応援先を選ぶのか決まらない",
        body="行政、金融機関、民間のそれぞれに考えがあり、運営の母体と選考の基準がまとまりません。公平で分かりやすい決め方を探しています。",
        author="kato",
        municipality=SAKATA,
        themes=(T.INDUSTRY, T.COMMUNITY),
        sdgs=("sdg16", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.CONSENSUS, W.DECISION, W.FAIRNESS),
        moves=(Move(S.SURFACED, "sato", "ファンド検討会で、論点として整理されました。"),),
        empathy=("yoshida", "yamada"),
        days_ago=100,
    ),
    # seed 001 §5-2③ 2: social-business community — a disability employment support group
    # and other communities' shared labour shortage.
    DemoIssue(
        title="障がいのある人の働き先と、人手不足に悩む事業者が出会えていない",
        body=(
            "働きたい人はいるのに、受け入れを考えたことのない事業者が多く、"
            "どんな仕事を切り出せるのか、一緒に考える機会がありません。"
            "農業やものづくりのコミュニティと交流して、仕事をつくりたいです。"
        ),
        author="sato",
        organization="hataraku-minato-sakata",
        municipality=SAKATA,
        point=near(SAKATA, -900, 1300),
        themes=(T.WELFARE, T.WORK),
        sdgs=("sdg08", "sdg10"),
        targets=(G.DISABILITIES, G.BUSINESSES),
        walls=(W.MATCHING,),
        moves=(
            Move(S.SURFACED, "sato", "社会課題解決型コミュニティの集まりで取り上げました。"),
            Move(S.IN_ACTION, "sato", "農業コミュニティと合同で、作業の切り出しを試しています。"),
        ),
        empathy=("saito", "ito", "yamada"),
        offers=(
            Offer("saito", (PLACE, TIME), "枝豆の選別作業を、まずは週2回お願いしてみたいです。"),
        ),
        days_ago=180,
    ),
    # seed 001 §4-1①: no mechanism for communities to meet each other and create new business.
    DemoIssue(
        title="業界ごとの集まりはあっても、分野をこえて一緒に事業を考える場がない",
        body=(
            "商工会議所や組合の集まりはありますが、農業とIT、福祉とものづくりのように"
            "分野をまたいで新しい事業を生む場がありません。"
            "共創コミュニティどうしの交流会を定期的に開けないでしょうか。"
        ),
        author="yamada",
        organization="sakata-sanroku",
        municipality=SAKATA,
        themes=(T.INDUSTRY, T.COMMUNITY),
        sdgs=("sdg09", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.CULTURE,),
        moves=(
            Move(S.SURFACED, "sato", "地域再生計画で、構造的な課題①として整理されました。"),
            Move(
                S.IN_ACTION,
                "sato",
                "コミュニティ合同の交流会を、コワーキングスペースで開き始めました。",
            ),
            Move(
                S.SOLVED,
                "sato",
                "交流会から3つの合同プロジェクトが生まれ、毎月の開催が定着しました。",
            ),
        ),
        empathy=("saito", "matsumoto", "yoshida", "yamaguchi"),
        days_ago=560,
    ),
    # seed 001 §5-2③ 3①: チーム庄内 gives "ideas and teammates" via brainstorming.
    DemoIssue(
        title="チーム庄内で集まったアイデアが、その後の実行につながりにくい",
        body="イベントではたくさんのアイデアと仲間候補が集まりますが、数か月後には動きが止まってしまうことがあります。",
        author="yamada",
        municipality=SAKATA,
        themes=(T.COMMUNITY, T.INDUSTRY),
        walls=(W.OWNER,),
        empathy=("kato",),
        comments=(
            Comment(
                "kato", "終わったあとに、コンシェルジュが1か月後に声をかけるだけでも違いそうです。"
            ),
        ),
        days_ago=15,
    ),
    # seed 001 §5-2③ 2: manufacturing community — IoT talent for diversification.
    DemoIssue(
        title="ものづくりの中小企業で、IoTに詳しい人材が育たない",
        body=(
            "機械の稼働状況を見える化したいのですが、社内に分かる人がいません。"
            "外部の講師に来てもらうにも、一社だけでは費用が重いです。"
            "何社か合同で人材を育てられないでしょうか。"
        ),
        author="yamaguchi",
        municipality=SAKATA,
        themes=(T.INDUSTRY, T.DIGITAL, T.EDUCATION),
        sdgs=("sdg09",),
        targets=(G.BUSINESSES,),
        walls=(W.TALENT,),
        moves=(Move(S.SURFACED, "sato", "ものづくりコミュニティの設立準備会で共有されました。"),),
        empathy=("yamada",),
        days_ago=110,
    ),
    # seed 001 §4-2: NPOs depend on donations, grants and contracts (内閣府 2021 survey).
    DemoIssue(
        title="NPOの収入が寄付と行政からの委託に頼っていて、活動が安定しない",
        body="委託が終わると事業も止まってしまいます。企業と一緒に商品やサービスをつくるなど、収入の柱を増やしたいです。",
        author="sato",
        organization="hataraku-minato-sakata",
        municipality=SAKATA,
        themes=(T.WELFARE, T.INDUSTRY),
        sdgs=("sdg08", "sdg17"),
        targets=(G.BUSINESSES,),
        walls=(W.BUDGET,),
        empathy=("watanabe", "ito"),
        days_ago=55,
    ),
    # seed 001 §5-2③ 3② (三十六人衆) — closed: answered by the advisors' consultation desk.
    DemoIssue(
        title="三十六人衆にどうやって相談すればいいのか分からない",
        body="事業の相談をしたいのですが、三十六人衆のどの方に、どんな手順でお願いすればよいのでしょうか。",
        author="saito",
        municipality=MIKAWA,
        themes=(T.INDUSTRY,),
        targets=(G.BUSINESSES,),
        moves=(
            Move(S.SURFACED, "sato", "同じ質問が何件か寄せられました。"),
            Move(
                S.CLOSED,
                "sato",
                "サンロクの窓口で相談を受け付ける流れを案内ページにまとめたため、閉じます。",
            ),
        ),
        comments=(
            Comment(
                "yamada",
                "サンロクのコンシェルジュにまずご相談ください。内容に合う方をご紹介します。",
                (("saito", "分かりました。来週うかがいます。"),),
            ),
        ),
        days_ago=330,
    ),
]
