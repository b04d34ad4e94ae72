"""Recent board posts of the demo communities (``communities.py``), for the communities that
had one or two posts: what the members are talking about this week, much of it about the
upcoming events of ``upcoming.py``.

Written for the demo; the facts behind them come from the seeds cited in ``communities.py``
and ``upcoming.py`` (seed 001 line 149: チーム庄内; line 163: the local fund's policy and
body; line 137: やまがたAI部 and high-school students; line 211: IT女子 and EC sites; seed 000
lines 247–249: the 情報交換会). Each post: ``community`` (slug), ``title`` (natural key within
the community), ``body``, ``author``, ``days_ago``, ``comments`` ((person, text) in order).
Authors and commenters are active members of the community.
"""

BOARD_POSTS: list[dict] = [
    {
        "community": "sendai-social-hub",
        "title": "定例会「地域の担い手不足を地区ごとに見る」に来ませんか",
        "body": (
            "次の定例会は、担い手不足を地区ごとに見える化する調査がテーマです。"
            "会場（マチノワひろば）とZoomのどちらからでも参加できます。"
            "町内会の方の声をぜひ聞かせてください。"
        ),
        "author": "tanaka",
        "days_ago": 3,
        "comments": [
            ("suzuki", "町内会の役員仲間を誘って、会場に行きます。"),
            ("nakamura", "調査の途中経過を、当日お見せできるように準備しています。"),
        ],
    },
    {
        "community": "sakata-monozukuri",
        "title": "合同のIoT講座、参加する会社を募っています",
        "body": (
            "一社では重い講師の費用を、何社かで分け合う合同講座を考えています。"
            "機械の稼働状況の見える化から始める予定です。関心のある会社は返信してください。"
        ),
        "author": "yamaguchi",
        "days_ago": 6,
        "comments": [
            ("kato", "市の補助が使えないか、担当課に確認してみます。"),
            ("sasaki", "オンラインの回があれば、首都圏から講師役で手伝えます。"),
        ],
    },
    {
        "community": "sakata-koukousei-business",
        "title": "次のチーム庄内で、高校生がアイデアを発表します",
        "body": (
            "AI部で学んだ高校生が、地元企業の困りごとを解くアイデアをチーム庄内で発表します。"
            "当日、一緒に考えてくれる大人の参加を歓迎します。"
        ),
        "author": "yamada",
        "days_ago": 2,
        "comments": [
            ("yamaguchi", "発表の前に、一度練習を聞かせてもらえますか。"),
            ("kato", "市の担当としても見に行きます。"),
        ],
    },
    {
        "community": "sakata-social-business",
        "title": "ローカルファンドの検討会（第2回）の報告",
        "body": (
            "行政、金融機関、民間の参加者で、運営の母体と応援先の選び方を話し合いました。"
            "選考の基準の案を次回までにまとめます。意見があればこちらに書いてください。"
        ),
        "author": "yoshida",
        "days_ago": 8,
        "comments": [
            ("saito", "農業の小さな挑戦も応援してもらえる基準だとうれしいです。"),
            ("matsumoto", "応募の書類は、スマホでも書ける形にしてほしいです。"),
            ("yamada", "どちらも次回の論点に入れます。"),
        ],
    },
    {
        "community": "sanroku-it-joshi",
        "title": "勉強会「はじめてのネットショップ」の準備",
        "body": (
            "勉強会で使う練習用のお店を用意しています。"
            "当日お手伝いできる人は、会場かオンラインかを教えてください。"
        ),
        "author": "matsumoto",
        "days_ago": 4,
        "comments": [("sasaki", "オンラインの参加者のサポートを担当します。")],
    },
    {
        "community": "shonai-nogyo",
        "title": "水位センサーを一緒に試す農家を探しています",
        "body": (
            "毎朝の水の見回りを減らすため、センサーを数軒で共同で試したいと考えています。"
            "チーム庄内でも仲間を募ります。興味のある方は声をかけてください。"
        ),
        "author": "saito",
        "days_ago": 5,
        "comments": [
            ("yamada", "機器に詳しい会社を三十六人衆のつてで探してみます。"),
            ("yoshida", "費用の分担の仕方も一緒に考えましょう。"),
        ],
    },
]
