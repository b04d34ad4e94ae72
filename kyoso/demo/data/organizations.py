"""Organizations of the demo region, from seeds 000 (Sendai) and 001 (Sakata).

Each entry is a plain dict; append new ones at the end of the list. Keys:

- ``slug`` (natural key), ``name`` (as the seed writes it), ``name_kana`` (katakana),
  ``org_type`` (an ``OrganizationType`` value), ``municipality`` (JIS X 0402 code or ``None``
  when the seat is outside the loaded prefectures or the seed does not say),
  ``description`` (Japanese, written for Kyoso; facts from the cited seed),
  ``verified`` (public bodies, hubs and the company that posts a challenge), and
  optionally ``website`` / ``contact_email``.

Seeds: ``/work/shared/seeds/000_38240aa280e4ce2b.txt`` (仙台市市民活動サポートセンター
令和3年度 調査研究事業報告書) and ``/work/shared/seeds/001_39eedf24b86ec709.txt`` (酒田市
地域再生計画). Where a seed describes a kind of organization without naming one, the name is
invented, marked ``# FICTIONAL`` here, and the description says so to the reader too.
"""

from kyoso.orgs.models import OrganizationType as T

SENDAI = "04100"
TAGAJO = "04209"
SAKATA = "06204"

FICTIONAL_NOTE = "※デモ用の架空の団体です。"

ORGANIZATIONS: list[dict] = [
    # --- Sendai (seed 000) ------------------------------------------------------------------
    {
        # seed 000: the platform's name, its four roles and three programs, the FY2021 figures.
        "slug": "sendai-miyagi-social-hub",
        "name": "せんだい・みやぎソーシャルハブ",
        "name_kana": "センダイ・ミヤギソーシャルハブ",
        "org_type": T.HUB,
        "municipality": SENDAI,
        "verified": True,
        "website": "https://note.com/socialhub",
        "contact_email": "socialhub@demo.kyoso.invalid",
        "description": (
            "仙台・宮城で社会課題に向き合う人と団体が、分野をこえて知恵と資源を持ち寄るための"
            "共創プラットフォームです。市民活動団体、企業、大学、議員、行政職員などが集まる"
            "オンライン情報交換会（定例会とテーマ勉強会）で課題を見える化し、レジデンスラボで"
            "実験や提案につなげ、わかったことはアーカイブとして公開しています。\n"
            "令和3年度は民間の中間支援団体が協働で事務局を試行し、情報交換会を11回開いて"
            "のべ128人が参加しました。"
        ),
    },
    {
        # seed 000: the report's author; designated manager, address, マチノワひろば/ギャラリー.
        "slug": "sendai-shimin-katsudo-support-center",
        "name": "仙台市市民活動サポートセンター",
        "name_kana": "センダイシシミンカツドウサポートセンター",
        "org_type": T.HUB,
        "municipality": SENDAI,
        "verified": True,
        "contact_email": "saposen@demo.kyoso.invalid",
        "description": (
            "仙台市の市民活動を応援する拠点施設です。団体の立ち上げや運営の相談、情報発信の"
            "手伝い、会議やイベントに使える場（マチノワひろば・マチノワギャラリー）を用意して"
            "います。社会課題の解決に足りない支援の仕組みを探る調査研究も毎年続けています。\n"
            "運営はNPO法人せんだい・みやぎNPOセンター（指定管理者）が担っています。"
        ),
    },
    {
        # seed 000: designated manager of the center; co-ran the hub secretariat trial.
        "slug": "sendai-miyagi-npo-center",
        "name": "特定非営利活動法人せんだい・みやぎNPOセンター",
        "name_kana": "センダイ・ミヤギエヌピーオーセンター",
        "org_type": T.HUB,
        "municipality": SENDAI,
        "verified": True,
        "contact_email": "npo-center@demo.kyoso.invalid",
        "description": (
            "仙台・宮城の市民活動を支える中間支援のNPOです。仙台市市民活動サポートセンターの"
            "指定管理者として相談や情報提供を行い、せんだい・みやぎソーシャルハブでは事務局の"
            "試行に加わりました。"
        ),
    },
    {
        # seed 000: subcontractor for hearings, sessions and publishing; drew the program diagram.
        "slug": "toshi-design-works",
        "name": "特定非営利活動法人都市デザインワークス",
        "name_kana": "トシデザインワークス",
        "org_type": T.NPO,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "まちづくりと都市デザインを専門とするNPOです。ソーシャルハブの事務局として、"
            "活動団体や地元企業への聞き取り、オンライン情報交換会の進行、その内容の一般向けの"
            "発信を受け持っています。共創プラットフォームを動かす3つのプログラムの図も"
            "この団体が描きました。"
        ),
    },
    {
        # seed 000: member of the platform; helped run sessions and publish their results.
        "slug": "personal-support-center",
        "name": "一般社団法人パーソナルサポートセンター",
        "name_kana": "パーソナルサポートセンター",
        "org_type": T.NPO,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "ソーシャルハブを構成する団体のひとつです。オンライン情報交換会の運営に協力し、"
            "聞き取りや情報交換会で得られたことを一般の人に向けて発信しています。"
        ),
    },
    {
        # seed 000 §1(1)(2): the 2015 ordinance, 自立・連携・創発, population outlook.
        "slug": "sendai-city",
        "name": "仙台市",
        "name_kana": "センダイシ",
        "org_type": T.LOCAL_GOVERNMENT,
        "municipality": SENDAI,
        "verified": True,
        "description": (
            "東北最大の都市で、約109万人が暮らしています。平成27年に「協働によるまちづくりの"
            "推進に関する条例」を定め、自立・連携・創発をキーワードに、多様な主体が力を"
            "合わせるまちづくりを進めています。人口は2050年代に100万人を下回り、"
            "65歳以上の割合は40%に達する見込みで、地域の担い手づくりが急がれています。"
        ),
    },
    {
        # seed 000, study sessions 1–2: distribution of sanitary products funded by a company.
        "slug": "tagajo-city",
        "name": "多賀城市",
        "name_kana": "タガジョウシ",
        "org_type": T.LOCAL_GOVERNMENT,
        "municipality": TAGAJO,
        "verified": True,
        "description": (
            "企業からの寄付を受けて市内の小中学校に生理用品を配り、困ったときに頼れる相談先を"
            "子どもたちに知ってもらう取り組みを行いました。ソーシャルハブのテーマ勉強会"
            "（第1回・第2回）で、生活支援の担当者がその経験を紹介しました。"
        ),
    },
    {
        # seed 000, study session 3: support for young women. Seat not given in the seed.
        "slug": "hop-step",
        "name": "NPO法人ほっぷすてっぷ",
        "name_kana": "ホップステップ",
        "org_type": T.NPO,
        "municipality": None,
        "verified": False,
        "description": (
            "若い女性への支援に取り組むNPOです。ソーシャルハブの第3回テーマ勉強会で、"
            "若年女性が置かれている状況や、支援の現場でぶつかっている課題について話題を"
            "提供しました。"
        ),
    },
    {
        # seed 000, study session 4: キャッシュフォーワークみやぎ. Seat not given in the seed.
        "slug": "switch",
        "name": "認定NPO法人Switch",
        "name_kana": "スイッチ",
        "org_type": T.NPO,
        "municipality": None,
        "verified": False,
        "description": (
            "コロナ禍で仕事を失ったりシフトが減ったりした若者を雇用しながら、農業やITの"
            "スキル学習・職業体験の機会をつくる「キャッシュフォーワークみやぎ」を運営しています。"
            "第4回テーマ勉強会のゲストとして、その仕組みと若者の次のキャリアについて話しました。"
        ),
    },
    {
        # seed 000 §3 1(1)③: the secretariat interviewed this student group twice in Nov 2021.
        "slug": "manaco",
        "name": "学生団体 manaco",
        "name_kana": "マナコ",
        "org_type": T.COMMUNITY,
        "municipality": None,
        "verified": False,
        "description": (
            "学生が運営する団体です。ソーシャルハブ事務局がレジデンスラボの試行のために"
            "令和3年11月に2回の聞き取りを行い、学生の目から見た地域の課題や活動の悩みを"
            "共有しました。"
        ),
    },
    {
        # seed 000 §3 2: hearing on the 仙台エコシステム concept and the Smart Innovation Lab.
        "slug": "ntt-east",
        "name": "NTT東日本（東日本電信電話株式会社）",
        "name_kana": "エヌティティヒガシニホン",
        "org_type": T.COMPANY,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "仙台市内で進むNTT仙台中央ビルの再開発（地上19階、コワーキングスペースや宿泊施設を"
            "計画）を起点に、産学官金の連携で地域課題の解決とイノベーションをめざす"
            "「仙台エコシステム」を構想しています。AI・IoTの社会実装を後押しする"
            "「スマートイノベーションラボ仙台」では、水産業や福祉分野での活用例も紹介しています。"
        ),
    },
    {
        # seed 000 §3 2: joined the hearing on the Sendai central building redevelopment.
        "slug": "ntt-urban-development",
        "name": "NTT都市開発株式会社",
        "name_kana": "エヌティティトシカイハツ",
        "org_type": T.COMPANY,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "NTT仙台中央ビルの再開発に携わっています。朝市や仙台銀座など周りの地域の人たちとも"
            "話し合いながら、地域とつながる建物の使い方を探っています。"
        ),
    },
    {
        # seed 000 §3 2: two hearings; まちづくり元気塾 and the 活性化応援プログラム.
        "slug": "tohoku-epco",
        "name": "東北電力株式会社",
        "name_kana": "トウホクデンリョク",
        "org_type": T.COMPANY,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "SDGsの推進にあたって、地域のNPOなどとの連携を考えています。専門家を派遣する"
            "「まちづくり元気塾」や、助成を行う「東北・新潟の活性化応援プログラム」を通じて、"
            "デジタル技術で東北・新潟の課題を解決する先進事例を作り、他の地域にも広げることを"
            "めざしています。"
        ),
    },
    {
        # seed 000 §3 2: runs JomoNex as a social contribution. Seat not given in the seed.
        "slug": "proto-solution",
        "name": "株式会社プロトソリューション",
        "name_kana": "プロトソリューション",
        "org_type": T.COMPANY,
        "municipality": None,
        "verified": True,  # posts a reverse challenge (challenges.py)
        "description": (
            "地域の課題解決に取り組む人（スターター）と、それを応援したい人（ジャンパー）を"
            "つなぐマッチングサイト「JomoNex」を、社会貢献として無料・広告なしで運営しています。"
            "令和3年8月に始まり、半年で約60人が登録しました。"
        ),
    },
    # --- Sakata (seed 001) ------------------------------------------------------------------
    {
        # seed 001 §2, §4-2, §5-2⑥: the plan, its aim, KPI review every September.
        "slug": "sakata-city",
        "name": "酒田市",
        "name_kana": "サカタシ",
        "org_type": T.LOCAL_GOVERNMENT,
        "municipality": SAKATA,
        "verified": True,
        "description": (
            "地域再生計画「共創コミュニティの創出・運営支援による、新たな産業振興支援事業」"
            "（2022〜2026年度）に取り組んでいます。行政が一社ずつ支える産業振興から、民間が"
            "主体となるテーマ別のコミュニティを行政が後押しする形への転換をめざしています。"
            "目標の達成状況は毎年9月に外部の委員が検証し、市のホームページで公表します。"
        ),
    },
    {
        # seed 001 §4-1②, §5-2③: センター since FY2018; concierges, experts, the four tools.
        "slug": "sakata-sanroku",
        "name": "酒田市産業振興まちづくりセンター（サンロク）",
        "name_kana": "サカタシサンギョウシンコウマチヅクリセンター",
        "org_type": T.HUB,
        "municipality": SAKATA,
        "verified": True,
        "contact_email": "sanroku@demo.kyoso.invalid",
        "description": (
            "平成30年度から、農業、ものづくり、観光、まちづくりの事業者やフリーランスの"
            "ビジネスを支えてきたセンターです。プロジェクト全体に助言するコンシェルジュと、"
            "テーマごとの専門家が相談に乗ります。共創コミュニティの立ち上げと運営を支えるため、"
            "アイデアと仲間を集めるイベント「チーム庄内」、助言者のネットワーク「三十六人衆」、"
            "地域でお金を集めてプロジェクトに投じる「ローカルファンド」、"
            "コワーキングスペースを運営しています。"
        ),
    },
    {
        # seed 001 §5-2③②: the advisor network and the range of fields it should cover.
        "slug": "sanjuroku-nin-shu",
        "name": "三十六人衆",
        "name_kana": "サンジュウロクニンシュウ",
        "org_type": T.COMMUNITY,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "地域の内外で活躍する経営者、企業、コミュニティが集まる助言者のネットワークです。"
            "共創コミュニティがプロジェクトを形にするうえで困っていることを相談すると、"
            "アドバイスや、新しい企業・人物の紹介が返ってきます。専門がぴったり合う人だけで"
            "なく、あえて幅広い分野の人に加わってもらっているのが特徴です。サンロクが事務局を"
            "務めます。"
        ),
    },
    {
        # seed 001 §4-2 KPI②, §5-2③, デジタル社会の形成への寄与.
        "slug": "sanroku-it-joshi",
        "name": "サンロクIT女子コミュニティ",
        "name_kana": "サンロクアイティージョシコミュニティ",
        "org_type": T.COMMUNITY,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "市内に住む女性が、デジタルのスキルを就業・副業・フリーランスの仕事に生かすための"
            "コミュニティです。ECやホームページづくり、SNS発信、クラウド会計の導入など、"
            "地域の中小企業や農林水産業者のデジタル化を個人やチームで手伝い、高齢者のスマホの"
            "相談にも乗ります。参加前後でウェルビーイングが高まったと答える人の割合を"
            "60%にすることが目標です。"
        ),
    },
    {
        # seed 001 §5-2③2: consortium training high-school students in AI.
        "slug": "yamagata-ai-bu",
        "name": "やまがたAI部",
        "name_kana": "ヤマガタエーアイブ",
        "org_type": T.COMMUNITY,
        "municipality": None,
        "verified": False,
        "description": (
            "AIを使いこなせる高校生を育てるため、地域内外の民間企業が集まってつくった"
            "コンソーシアムです。酒田市の高校生ビジネスコミュニティと組んで人材育成を行い、"
            "地元企業の課題をAIで解く取り組みも進めます。"
        ),
    },
    {
        # seed 001 【官民協働】: an industry support body expected to second staff to サンロク.
        "slug": "sakata-cci",
        "name": "酒田商工会議所",
        "name_kana": "サカタショウコウカイギショ",
        "org_type": T.OTHER,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "市内の商工業者が加盟する産業支援機関です。サンロクの運営には人材の派遣などで"
            "直接関わり、共創コミュニティと既存の業界団体との橋渡しも期待されています。"
        ),
    },
    {
        # seed 001 【官民協働】: the other industry support body named next to the chamber.
        "slug": "sakata-fureai-shokokai",
        "name": "酒田ふれあい商工会",
        "name_kana": "サカタフレアイショウコウカイ",
        "org_type": T.OTHER,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "地域の小規模な事業者を支える商工会です。商工会議所とともにサンロクの運営に"
            "加わる産業支援機関のひとつです。"
        ),
    },
    {
        # seed 001 【地域間連携】: shares IT work won for its women with Sakata. Nagano codes are
        # not loaded in this demo, so no municipality.
        "slug": "shiojiri-city",
        "name": "塩尻市",
        "name_kana": "シオジリシ",
        "org_type": T.LOCAL_GOVERNMENT,
        "municipality": None,
        "verified": True,
        "description": (
            "長野県の市で、女性がITスキルを生かして仕事をする事業に取り組んでいます。"
            "酒田市とは地域間連携として、獲得した業務の一部を分けてもらい、スキルアップや"
            "品質管理のノウハウも共有する計画です。"
        ),
    },
    {
        # FICTIONAL — seed 001 names 金融機関 among the local fund's partners but none by name.
        "slug": "shonai-minato-shinkin",
        "name": "庄内みなと信用金庫",
        "name_kana": "ショウナイミナトシンヨウキンコ",
        "org_type": T.FINANCIAL,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "酒田の事業者と暮らしを支える地域の金融機関です。返済の見通しが立てにくい社会課題"
            "解決型の事業にもお金が回るよう、サンロクや市とともにローカルファンドの仕組み"
            "づくりに加わっています。\n" + FICTIONAL_NOTE
        ),
    },
    {
        # FICTIONAL — seed 000 counts university people among session participants, unnamed.
        "slug": "morinomiyako-kyoso-university",
        "name": "杜の都共創大学",
        "name_kana": "モリノミヤコキョウソウダイガク",
        "org_type": T.UNIVERSITY,
        "municipality": SENDAI,
        "verified": False,
        "description": (
            "仙台の大学で、地域連携研究センターが市民協働や社会関係資本の研究を行っています。"
            "ソーシャルハブの情報交換会に参加し、地域の団体どうしのつながりの変化を調べています。\n"
            + FICTIONAL_NOTE
        ),
    },
    {
        # FICTIONAL — seed 001 plans an agriculture co-creation community (shared sales channels,
        # new business with tech ventures) without naming one.
        "slug": "shonai-nogyo-kyoso",
        "name": "庄内農業共創研究会",
        "name_kana": "ショウナイノウギョウキョウソウケンキュウカイ",
        "org_type": T.COMMUNITY,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "酒田の農業者が集まる共創コミュニティです。販路を共同で開き、外部のテック系"
            "ベンチャーと組んで農業の課題を解く新しい事業づくりに取り組んでいます。\n"
            + FICTIONAL_NOTE
        ),
    },
    {
        # FICTIONAL — seed 001 gives a disability employment support group as an example of the
        # 地域づくり・社会課題解決型 community, unnamed.
        "slug": "hataraku-minato-sakata",
        "name": "NPO法人はたらくみなと酒田",
        "name_kana": "ハタラクミナトサカタ",
        "org_type": T.NPO,
        "municipality": SAKATA,
        "verified": False,
        "description": (
            "障がいのある人の就労を支援するNPOです。人手不足に悩む地域の事業者と、働きたい人を"
            "つなぐ取り組みを、他の共創コミュニティとの交流を通じて広げようとしています。\n"
            + FICTIONAL_NOTE
        ),
    },
]
