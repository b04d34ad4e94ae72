"""Recent conversation on the demo issues: comments with replies, 共感, follows and
「手伝えます」 offers from the last few weeks, so that the issues a newcomer opens are being
talked about now (issue 14: "no issue shows コメント 0").

``issues/*.py`` hold each issue's history (posting, stage changes, the first comments, spread
over months or years); this file adds what happened lately, on the issues that had no comment
yet. The loader (``kyoso/demo/conversations.py``) goes through the issues services, so the
counters, follows and notifications are what the site makes; it then dates each comment and
offer between ``days_ago`` days before the load and a few hours before it.

The reactions are written for the demo. Where a comment states a fact, it comes from the seed
cited above the entry (the same seed its issue came from); the people are those of
``people.py``. ``takahashi`` (just signed up) takes no part. An entry is keyed by its issue's
title; a comment already there (same issue, author and text) is not added again.
"""

from __future__ import annotations

from dataclasses import dataclass

from kyoso.demo.data.issues.base import MONEY, PLACE, SKILLS, TIME, Comment, Offer


@dataclass(frozen=True)
class Talk:
    #: The title of a demo issue (``issues/*.py``).
    title: str
    #: When this recent conversation began, in days before the load (1–30).
    days_ago: int
    comments: tuple[Comment, ...] = ()
    empathy: tuple[str, ...] = ()
    follows: tuple[str, ...] = ()
    offers: tuple[Offer, ...] = ()


TALKS: list[Talk] = [
    # --- Sendai and Miyagi (seed 000) -------------------------------------------------------
    # seed 000 lines 264–268: 第3回勉強会「若年女性への支援」, the supporters' current state.
    Talk(
        title="若年女性を支える人どうしが、相談の受け方や悩みを共有できる場がない",
        days_ago=18,
        comments=(
            Comment(
                "ito",
                "相談を受ける側が疲れてしまう話をよく聞きます。事例を匿名にして持ち寄る"
                "小さな会から始めてはどうでしょう。",
                (
                    (
                        "watanabe",
                        "いいですね。来月のテーマ勉強会の後半を、その時間にできないか相談します。",
                    ),
                ),
            ),
            Comment(
                "nakamura",
                "学校の養護の先生にも声をかけたいです。大学の研究室でも協力できます。",
            ),
        ),
        empathy=("kobayashi", "matsumoto", "sasaki"),
        follows=("kobayashi", "suzuki"),
    ),
    Talk(
        title="10代の女の子がSNSで気軽に相談できる窓口がほしい",
        days_ago=9,
        comments=(
            Comment(
                "ito",
                "夜の時間帯は相談員の確保がいちばんの課題です。つなぎ先の一覧づくりなら、"
                "すぐにでも一緒にできます。",
            ),
            Comment(
                "matsumoto",
                "LINEの公式アカウントの設定や自動応答の作り方なら手伝えます。",
                (("nakamura", "ありがとうございます。まずは小さく試せる形を考えましょう。"),),
            ),
        ),
        empathy=("ito", "tanaka", "watanabe"),
        follows=("watanabe",),
        offers=(Offer("matsumoto", (SKILLS,), "LINE公式アカウントの初期設定をお手伝いできます。"),),
    ),
    # seed 000 lines 269–273: キャッシュフォーワークみやぎ (learning while employed).
    Talk(
        title="キャッシュフォーワークの受け入れ先になってくれる農家とIT企業を増やしたい",
        days_ago=21,
        comments=(
            Comment(
                "saito",
                "農家の側は、教える時間がとれるかが心配です。繁忙期を外して受け入れるなら"
                "検討できます。",
                (("ito", "時期の相談はできます。受け入れの流れを1枚にまとめてお送りしますね。"),),
            ),
            Comment("yamamoto", "社内のIT部門に、実習の受け入れができないか聞いてみます。"),
        ),
        empathy=("yamamoto", "tanaka", "sasaki"),
        follows=("tanaka",),
    ),
    Talk(
        title="町内会の行事を、スマホで役割分担できるようにしたい",
        days_ago=10,
        comments=(
            Comment(
                "matsumoto",
                "共有のスプレッドシートとフォームだけでも、かなり楽になると思います。"
                "ひな形をつくってみましょうか。",
                (("suzuki", "ぜひお願いします。役員会で見せてみます。"),),
            ),
            Comment(
                "tanaka",
                "紙の名簿も残したほうが、スマホを使わない方も安心ですね。"
                "両方で回せるといいと思います。",
            ),
            Comment("kobayashi", "市の町内会向けの講座でも、同じ相談がよく出ます。"),
        ),
        empathy=("kobayashi", "watanabe", "matsumoto", "ito"),
        follows=("ito", "watanabe"),
        offers=(
            Offer(
                "matsumoto",
                (SKILLS, TIME),
                "役割分担表のひな形づくりと、使い方の説明会ができます。",
            ),
        ),
    ),
    # seed 000 lines 189, 279: the Facebook group and note, and the wish to use マチノワ too.
    Talk(
        title="情報交換会でわかったことが、参加していない人には届いていない",
        days_ago=14,
        comments=(
            Comment(
                "watanabe",
                "過去の報告をテーマごとにまとめ直しました。このサイトのイベントの記録からも"
                "たどれるようにしています。",
                (("suzuki", "町内会の回の記録を探していたので助かりました。"),),
            ),
        ),
        empathy=("suzuki", "kobayashi"),
    ),
    Talk(
        title="水産業で使われているAI・IoTの技術を、福祉の現場でも使えないか",
        days_ago=12,
        comments=(
            Comment(
                "yamamoto",
                "見守りのセンサーは、電力の使い方から生活の様子を知る方法もあります。"
                "現場で使える形か、一度お話を聞かせてください。",
            ),
            Comment(
                "nakamura",
                "研究室の学生が、介護の現場の作業を調べています。一緒に訪問しませんか。",
            ),
        ),
        empathy=("watanabe", "sasaki"),
        follows=("watanabe",),
    ),
    # seed 000 line 315: JomoNex, started with a "like", about 60 people registered.
    Talk(
        title="地域の課題に取り組む人に比べて、応援したい人の登録が少ない",
        days_ago=16,
        comments=(
            Comment(
                "sasaki",
                "首都圏にいると、どこから関わればいいか分からないのが正直なところです。"
                "「1回だけ手伝う」の入口があると入りやすいです。",
                (("sato", "ありがとうございます。短時間で関われる募集を増やしていきます。"),),
            ),
        ),
        empathy=("yamada", "watanabe", "suzuki"),
        follows=("yamada",),
    ),
    Talk(
        title="行政の支援が届きにくい人を、地域の団体どうしでつなぐ仕組みがない",
        days_ago=20,
        comments=(
            Comment(
                "watanabe",
                "若林区内の団体で、月に一度の連絡会を始められないか声をかけています。",
                (("ito", "うちからも参加します。相談支援の立場で話せることがあります。"),),
            ),
            Comment(
                "kobayashi",
                "区役所の担当とも共有しました。制度の案内の資料をお渡しできます。",
            ),
        ),
        empathy=("suzuki", "sato"),
        follows=("suzuki",),
    ),
    Talk(
        title="地域の担い手不足が、どの地区でどれくらい深刻なのかが見えない",
        days_ago=11,
        comments=(
            Comment(
                "suzuki",
                "うちの町内会も、役員の平均年齢がどんどん上がっています。調査に協力できます。",
                (("nakamura", "ありがとうございます。アンケートの案をお送りします。"),),
            ),
            Comment("kobayashi", "市が持っている町内会の加入率の資料を、出せる範囲で共有します。"),
        ),
        empathy=("watanabe", "tanaka", "kato"),
    ),
    # seed 000 line 179: companies aiming at social issues through IT and DX.
    Talk(
        title="地元の企業が社会課題の解決に関わりたくても、最初の入口が分からない",
        days_ago=13,
        comments=(
            Comment(
                "watanabe",
                "NPOの側でも「企業にお願いできることの一覧」をつくると、話が早く進みます。",
                (("yamamoto", "ぜひ見たいです。社内で共有して、関われるものを探します。"),),
            ),
            Comment("yoshida", "金融機関として、取引先の企業にこのサイトを紹介してみます。"),
        ),
        empathy=("watanabe", "nakamura", "kobayashi"),
        follows=("kobayashi",),
    ),
    # seed 000 line 189: マチノワひろば・マチノワギャラリー.
    Talk(
        title="サポートセンターの展示スペースで、地域の課題と取り組みを紹介したい",
        days_ago=8,
        comments=(
            Comment(
                "tanaka",
                "最初の月は、多賀城の生理用品配布の取り組みを紹介してはどうでしょう。",
                (("watanabe", "いいですね。パネルの案をつくってみます。"),),
            ),
        ),
        empathy=("suzuki", "ito"),
        offers=(
            Offer(
                "nakamura",
                (SKILLS,),
                "展示パネルの文章とデータの図をつくるのを手伝えます。",
            ),
        ),
    ),
    Talk(
        title="震災のときにできた地域外とのつながりを、ふだんの活動にも生かしたい",
        days_ago=25,
        comments=(
            Comment(
                "sasaki",
                "私も当時ボランティアで通っていました。いまは副業の形で関われたらと思っています。",
            ),
            Comment("watanabe", "当時の支援団体の連絡先を整理しているところです。"),
        ),
        empathy=("watanabe", "ito"),
        follows=("ito",),
    ),
    Talk(
        title="港町の空き家が増え、移住を考える人に貸せる家が見つからない",
        days_ago=6,
        comments=(
            Comment(
                "kato",
                "酒田でも同じ悩みがあります。"
                "持ち主探しの進め方を、担当課どうしで共有できればと思います。",
            ),
        ),
        empathy=("tanaka", "yamada"),
    ),
    Talk(
        title="ひとり親家庭の子どもが、放課後に勉強できる場所がない",
        days_ago=7,
        comments=(
            Comment(
                "ito",
                "名取市内で学習支援をしている団体があります。おつなぎできますので、"
                "よければ連絡ください。",
                (("matsumoto", "ありがとうございます。ぜひお願いします。"),),
            ),
            Comment("nakamura", "大学生のボランティアを募れるか、学内で聞いてみます。"),
        ),
        empathy=("tanaka", "watanabe"),
        follows=("watanabe",),
        offers=(Offer("nakamura", (TIME,), "週1回、大学生と一緒に勉強を見に行けます。"),),
    ),
    Talk(
        title="新しく越してきた子育て世帯が、地域の行事や相談先を知る機会が少ない",
        days_ago=4,
        comments=(
            Comment(
                "suzuki",
                "町内会でも、転入された方に行事の案内を渡したいのですが、個人情報の関係で"
                "どなたが越してきたか分かりません。",
                (("tanaka", "市役所の窓口で、案内を手渡してもらえないか相談してみましょう。"),),
            ),
        ),
        empathy=("ito", "kobayashi", "matsumoto"),
        follows=("ito",),
    ),
    Talk(
        title="外国から来た技能実習生が、地域の人と話す機会がほとんどない",
        days_ago=2,
        comments=(
            Comment("nakamura", "大学の留学生との交流会に、実習生の方も招けないか調べてみます。"),
        ),
        empathy=("watanabe", "sasaki"),
    ),
    # seed 000 lines 311: 東北電力's programmes; 逆プロポ is the company's own idea in the issue.
    Talk(
        title="企業が関心のある社会課題を示し、自治体から提案を募る「逆プロポ」を試したい",
        days_ago=15,
        comments=(
            Comment(
                "kato",
                "酒田市でも関心があります。"
                "どんな課題なら提案しやすいか、一度打ち合わせをさせてください。",
                (("yamamoto", "ありがとうございます。来月のヒアリングの場でも紹介します。"),),
            ),
        ),
        empathy=("yoshida", "yamada"),
        follows=("yamada",),
    ),
    Talk(
        title="地域企業の課題を、大学生のインターンで取り組むプロジェクトにしたい",
        days_ago=10,
        comments=(
            Comment(
                "yamamoto",
                "昨年の受け入れでは、最初の2週間で課題の言い直しをしたのが良かったです。",
            ),
            Comment(
                "yoshida",
                "取引先の企業で、受け入れを考えているところがあります。ご紹介します。",
            ),
        ),
        empathy=("kobayashi", "yoshida"),
    ),
    Talk(
        title="水産加工の担い手が減り、港の仕事を次の世代につなげられない",
        days_ago=19,
        comments=(
            Comment(
                "yamamoto",
                "中学生の職場体験の受け入れから始めている地域もあると聞きました。",
            ),
        ),
        empathy=("kobayashi", "sasaki"),
    ),
    # --- Sakata and Shonai (seed 001) -------------------------------------------------------
    Talk(
        title="水田の水管理の見回りが負担で、センサーで省力化したい",
        days_ago=17,
        comments=(
            Comment(
                "matsumoto",
                "センサーの値をスマホで見られる画面なら、つくったことがあります。",
                (("saito", "心強いです。まず3枚の田んぼで試したいと思っています。"),),
            ),
            Comment("yoshida", "機器の導入費は、農業向けの制度資金が使えるかもしれません。"),
        ),
        empathy=("kato", "yoshida", "sasaki"),
        follows=("kato", "sasaki"),
    ),
    Talk(
        title="耕作放棄地が増えて、草刈りや獣害の負担が周りの農家にかかっている",
        days_ago=9,
        comments=(
            Comment(
                "saito",
                "遊佐の集落でも、草刈りを共同でする日を決めたところ少し楽になったそうです。",
            ),
            Comment("yamada", "堆肥の取り組みをしている企業と話せる場をつくれます。"),
        ),
        empathy=("yamada", "kato"),
    ),
    # seed 001 line 201: the newcomer housing with a shared office (opening autumn R4).
    Talk(
        title="移住してきた人が、酒田で起業するための場所と相談相手がほしい",
        days_ago=12,
        comments=(
            Comment(
                "sasaki",
                "移住を考えている知り合いがいます。シェアオフィスの見学はできますか。",
                (("kato", "できます。サンロクでも相談を受けていますので、日程をご相談ください。"),),
            ),
        ),
        empathy=("yoshida",),
    ),
    Talk(
        title="空き家を子育て世帯が借りやすくする仕組みがほしい",
        days_ago=5,
        comments=(
            Comment("kato", "鶴岡市の空き家バンクの担当の方に、この声を伝えてみます。"),
            Comment("yoshida", "改修のためのローンについてなら、ご相談に乗れます。"),
        ),
        empathy=("yamada", "sasaki"),
        follows=("suzuki",),
    ),
    # seed 001 line 65: クリエイター×高校生 as a crossing of communities.
    Talk(
        title="高校生の起業アイデアを、地元のクリエイターと一緒に形にしたい",
        days_ago=14,
        comments=(
            Comment(
                "matsumoto",
                "IT女子のメンバーに、動画やデザインをしている人が何人かいます。声をかけます。",
                (
                    (
                        "yamada",
                        "ありがとうございます。次のチーム庄内で高校生に発表してもらう予定です。",
                    ),
                ),
            ),
        ),
        empathy=("sasaki", "kato"),
    ),
    Talk(
        title="高校生が始めたい事業に、最初の少額の資金を出してくれる先がない",
        days_ago=6,
        comments=(
            Comment(
                "yoshida",
                "ローカルファンドの検討の中で、高校生向けの小さな枠を設けられないか話してみます。",
                (("yamada", "ぜひお願いします。"),),
            ),
        ),
        empathy=("matsumoto", "sasaki", "saito"),
        follows=("sasaki",),
    ),
    # seed 001 line 197: Shiojiri shares part of its work with Sakata's women, done remotely.
    Talk(
        title="塩尻市が受けた業務の一部を、酒田の女性がリモートで担えるようにしたい",
        days_ago=20,
        comments=(
            Comment(
                "matsumoto",
                "最初の納品が終わりました。"
                "品質のチェックのやり方を教わって、とても勉強になりました。",
                (("yamada", "お疲れさまでした。振り返りの会を開きましょう。"),),
            ),
        ),
        empathy=("yoshida",),
    ),
    Talk(
        title="子育て中で、ITスキルを学ぶ時間とお金の余裕がない",
        days_ago=8,
        comments=(
            Comment(
                "matsumoto",
                "IT女子の勉強会は、子どもを連れて参加できる回もあります。"
                "次の回をお知らせしますね。",
                (("sasaki", "ありがとうございます。オンラインでも参加できるとうれしいです。"),),
            ),
        ),
        empathy=("yamada", "tanaka"),
    ),
    # seed 001 line 211: IT女子 helping small firms and farmers with EC and websites.
    Talk(
        title="小さなお店や農家が、ネット販売やホームページに手が回らない",
        days_ago=11,
        comments=(
            Comment(
                "matsumoto",
                "IT女子で、ネットショップの立ち上げを3件お手伝いしました。次の相談も受けられます。",
            ),
            Comment("saito", "うちの枝豆も、来年はネットで売ってみたいです。"),
        ),
        empathy=("kato", "sasaki"),
        offers=(
            Offer(
                "matsumoto",
                (SKILLS,),
                "ネットショップの立ち上げと、写真の撮り方をお伝えできます。",
            ),
        ),
    ),
    # seed 001 lines 163, 187: the local fund's policy and body, with finance and business.
    Talk(
        title="ローカルファンドの運営を誰が担い、どんな基準で応援先を選ぶのか決まらない",
        days_ago=15,
        comments=(
            Comment(
                "yoshida",
                "選考の基準は、先行している他の地域のファンドの例を集めて比べてみてはどうでしょう。",
                (("kato", "事務局で集めてみます。次の検討会で共有します。"),),
            ),
            Comment("yamaguchi", "選ぶ人の顔ぶれを公開すると、応募する側も安心できると思います。"),
        ),
        empathy=("saito", "sato"),
        follows=("saito",),
    ),
    Talk(
        title="障がいのある人の働き先と、人手不足に悩む事業者が出会えていない",
        days_ago=13,
        comments=(
            Comment(
                "saito",
                "収穫の後の選別作業なら、一緒にできる仕事があると思います。見学に来てください。",
                (("ito", "ありがとうございます。支援員と一緒に伺います。"),),
            ),
        ),
        empathy=("matsumoto", "kato"),
    ),
    # seed 001 line 65: crossing communities (農業×社会課題型ビジネス, 女性フリーランス×製造業).
    Talk(
        title="業界ごとの集まりはあっても、分野をこえて一緒に事業を考える場がない",
        days_ago=22,
        comments=(
            Comment(
                "matsumoto",
                "交流会で知り合った製造業の方から、ホームページの仕事をいただきました。",
            ),
        ),
        empathy=("kato",),
    ),
    Talk(
        title="ものづくりの中小企業で、IoTに詳しい人材が育たない",
        days_ago=10,
        comments=(
            Comment(
                "yamada",
                "合同の講座は3社まで集まりました。あと2社ほど集まれば開けそうです。",
                (("yamaguchi", "知り合いの会社にも声をかけてみます。"),),
            ),
        ),
        empathy=("matsumoto", "kato", "nakamura"),
        follows=("nakamura",),
    ),
    Talk(
        title="NPOの収入が寄付と行政からの委託に頼っていて、活動が安定しない",
        days_ago=18,
        comments=(
            Comment(
                "yoshida",
                "事業の計画づくりから一緒に考える相談会を、信用金庫で開いています。",
            ),
        ),
        empathy=("yamada", "tanaka"),
    ),
    Talk(
        title="副業で地域に関わりたいが、どんな人が何に取り組んでいるのか分からない",
        days_ago=3,
        comments=(
            Comment(
                "yamada",
                "このサイトのミッションの一覧に、外部の人に頼みたいことを載せ始めました。"
                "のぞいてみてください。",
                (("sasaki", "見てみました。オンラインでできそうなものに応募してみます。"),),
            ),
        ),
        empathy=("matsumoto", "kato"),
    ),
    Talk(
        title="商店街の空き店舗に、IT企業と保育園を一緒に呼び込めないか",
        days_ago=16,
        comments=(Comment("matsumoto", "子どもを預けてすぐ近くで働けるなら、本当に助かります。"),),
        empathy=("yamada", "ito"),
    ),
    Talk(
        title="前例がないと、新しい官民連携の提案が庁内で通らない",
        days_ago=7,
        comments=(
            Comment(
                "kobayashi",
                "仙台市では、期間と費用を区切った「試行」として始める形をとったことがあります。",
                (("kato", "参考になります。試行のときの決裁の流れを教えていただけますか。"),),
            ),
        ),
        empathy=("yamamoto", "sato"),
        follows=("yamamoto",),
    ),
    Talk(
        title="廃校になった小学校を、サテライトオフィスと地域の集まる場にしたい",
        days_ago=24,
        comments=(Comment("yamamoto", "ワーケーションの拠点として、社内の希望者を募ってみます。"),),
        empathy=("matsumoto", "yoshida"),
        offers=(
            Offer(
                "yamaguchi",
                (SKILLS,),
                "都市部の企業への声かけと、提案書づくりを手伝えます。",
            ),
        ),
    ),
    # --- Issues that had comments but little empathy or help ---------------------------------
    Talk(
        title="チーム庄内で集まったアイデアが、その後の実行につながりにくい",
        days_ago=12,
        comments=(
            Comment(
                "sasaki",
                "前回のアイデアの中に、オンラインで手伝えそうなものがありました。"
                "続きを知りたいです。",
            ),
        ),
        empathy=("sasaki", "matsumoto", "kato"),
        offers=(Offer("sasaki", (TIME,), "月に2日ほど、チームの進行役をオンラインで担えます。"),),
    ),
    Talk(
        title="高齢化が進む団地で、ごみ出しが難しくなった一人暮らしの人がいる",
        days_ago=6,
        empathy=("tanaka", "kobayashi"),
        offers=(
            Offer(
                "ito",
                (TIME, PLACE),
                "見守りの打ち合わせに、うちの事務所の部屋を使ってください。",
            ),
        ),
    ),
    Talk(
        title="町内会の役員のなり手がいない",
        days_ago=5,
        comments=(
            Comment(
                "matsumoto",
                "役員の仕事を「1年まるごと」ではなく行事ごとに分けると、若い人も手を挙げやすいと思います。",
            ),
        ),
        empathy=("nakamura", "matsumoto"),
        offers=(
            Offer(
                "yoshida",
                (MONEY,),
                "地域の行事への協賛として、少額ですがご相談に乗れます。",
            ),
        ),
    ),
    Talk(
        title="山あいの集落でお店がなくなり、買い物に行けない高齢者が増えている",
        days_ago=9,
        comments=(
            Comment(
                "kobayashi",
                "移動販売のルートが決まってから、見守りの声かけにもつながっていると聞きました。",
                (("suzuki", "回ってくる日を楽しみにしている方が多いです。"),),
            ),
        ),
        empathy=("tanaka", "watanabe"),
    ),
    Talk(
        title="食品工場の有機ごみを堆肥にして、耕作放棄地の土を生き返らせたい",
        days_ago=15,
        comments=(
            Comment(
                "saito",
                "庄内でも同じやり方を試せないでしょうか。土のデータの取り方を教えてください。",
                (("nakamura", "記録のひな形をお送りします。比べられるようにしましょう。"),),
            ),
        ),
        empathy=("yamada", "kato"),
    ),
]
