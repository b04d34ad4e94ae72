"""User-facing messages of the missions app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Drafting and publishing -----------------------------------------------------------------
MISSION_CREATED = _(
    "ミッションを下書きとして保存しました。足りない項目を確認して公開してください。"
)
MISSION_SAVED = _("ミッションを保存しました。")
MISSION_PUBLISHED = _("ミッションを公開しました。")
MISSION_CLOSED = _("ミッションの募集を締め切りました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
TITLE_REQUIRED = _("ミッションをひとことで書いてください。")
KIND_REQUIRED = _("ミッションの種類を選んでください。")
CHOICE_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
NUMBER_INVALID = _("半角数字で入力してください。")
NUMBER_RANGE = _("%(min)s〜%(max)sの数で入力してください。")
DATE_INVALID = _("日付を「2026-04-01」の形で入力してください。")
PERIOD_BACKWARDS = _("終了日は開始日より後にしてください。")
REWARD_YEN_REQUIRED = _("報酬ありの場合は金額（円）を入力してください。")
REWARD_YEN_UNPAID = _("金額は「報酬あり」のときだけ入力できます。")
SKILL_BOTH = _("同じスキルを「必須」と「歓迎」の両方には選べません：%(skills)s")
HOST_NOT_A_HOST = _("受け入れ担当者には、プロジェクトのリーダーか団体の管理者を選んでください。")
PUBLISH_INCOMPLETE = _(
    "まだ公開できません（充実度 %(score)s点、公開には%(threshold)s点以上が必要です）。"
    "足りない項目：%(missing)s"
)
NOT_A_DRAFT = _("このミッションは下書きではありません。")
ALREADY_CLOSED = _("このミッションの募集はすでに終了しています。")
OWNER_MISSING = _(
    "ミッションはプロジェクトか団体のページからつくってください（どちらのミッションかを選ぶため）。"
)

# --- Completeness (what a candidate would miss) ----------------------------------------------
MISSING_TASKS = _("具体的な仕事が書かれていません。何をするのかが分からないと応募できません。")
MISSING_PERIOD = _("期間（開始日と終了日）がありません。")
MISSING_HOURS = _("週あたりの時間がありません。本業と両立できるかを判断できません。")
MISSING_DELIVERABLES = _("成果物が書かれていません。何ができたら完了かが分かりません。")
MISSING_REWARD = _("報酬が不明です（報酬あり・実費のみ・無償のいずれかと、報酬ありなら金額）。")
MISSING_CONTACT = _("受け入れ担当者か連絡先がありません。")
MISSING_SKILLS = _("求めるスキルが選ばれていません。")
MISSING_DEADLINE = _("応募締切がありません。")

# --- Questions -------------------------------------------------------------------------------
QUESTIONS_SAVED = _("質問を保存しました。")
QUESTIONS_TOO_MANY = _("質問は%(max)s問までです。")
QUESTIONS_LOCKED = _("応募があったあとは質問を変えられません（応募者の回答と食い違うため）。")

# --- Applying --------------------------------------------------------------------------------
APPLIED = _("応募しました。受け入れ担当者からの連絡をお待ちください。")
MOTIVATION_REQUIRED = _("応募の動機を書いてください。")
ANSWER_REQUIRED = _("この質問に答えてください。")
ALREADY_APPLIED = _("このミッションにはすでに応募しています。")
DEADLINE_PASSED = _("応募締切（%(deadline)s）を過ぎたため、応募できません。")
MISSION_FULL = _("募集人数に達したため、応募・受け入れはできません。")
MISSION_NOT_OPEN = _("このミッションは募集していません。")
OWN_MISSION = _("自分が受け入れ側のミッションには応募できません。")

# --- Application status and messages ---------------------------------------------------------
STATUS_CHANGED = _("応募の状態を「%(status)s」にしました。")
STATUS_NOT_ALLOWED = _("この応募をその状態には変えられません（いまの状態：%(status)s）。")
MESSAGE_SENT = _("メッセージを送りました。")
MESSAGE_REQUIRED = _("メッセージを書いてください。")
JOINED_PROJECT = _("受け入れが決まり、プロジェクトのメンバーになりました。")

# --- Lists -----------------------------------------------------------------------------------
FILTER_INVALID = _("絞り込みの条件に使えない値があったため、その条件は外しました。")
PAGE_INVALID = _("ページの指定が正しくなかったため、最初のページを表示しています。")

# --- Notifications ---------------------------------------------------------------------------
NOTIFY_NEW_APPLICATION = _("ミッション「%(title)s」に応募がありました。")
NOTIFY_STATUS = _("ミッション「%(title)s」への応募が「%(status)s」になりました。")
NOTIFY_MESSAGE = _("ミッション「%(title)s」の応募にメッセージが届きました。")
NOTIFY_CANDIDATE_MOVED = _("ミッション「%(title)s」の応募者が「%(status)s」を選びました。")
PLACES_BELOW_ACCEPTED = _(
    "すでに%(count)s人の受け入れが決まっているため、募集人数をそれより少なくできません。"
)
QUESTION_TOO_LONG = _("質問は1問%(max)s文字以内にしてください。")
POINT_INCOMPLETE = _("地図の地点は緯度と経度の両方を入力してください。")
