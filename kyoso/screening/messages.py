"""User-facing messages of the screening app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Rounds and criteria ---------------------------------------------------------------------
TITLE_REQUIRED = _("審査の名前を入力してください。")
CRITERIA_REQUIRED = _("評価項目を1つ以上設定してください。")
CRITERIA_TOO_MANY = _("評価項目は%(max)s個までです。")
CRITERION_NAME_REQUIRED = _("評価項目の名前を入力してください。")
CRITERION_NAME_TWICE = _("同じ名前の評価項目が2つあります：%(name)s")
WEIGHT_RANGE = _("重みは%(min)s〜%(max)sの整数にしてください。")
CRITERIA_LOCKED = _("評価がすでに提出されているため、評価項目は変えられません。")
UNKNOWN_SUBJECT_KIND = _("この種類のものは審査できません。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")

# --- Reviewers -------------------------------------------------------------------------------
REVIEWER_ADDED = _("審査員を追加しました。")
REVIEWER_REMOVED = _("審査員を外しました。")
ALREADY_REVIEWER = _("この人はすでに審査員です。")
NOT_A_REVIEWER = _("この人はこの審査の審査員ではありません。")
REVIEWER_HAS_SCORES = _("評価を提出した審査員は外せません（評価の記録が残るため）。")

# --- Conflicts -------------------------------------------------------------------------------
CONFLICT_DECLARED = _("利益相反を申告しました。この審査対象は評価できず、評価も見られません。")
CONFLICT_REASON_REQUIRED = _("利益相反の理由を書いてください。")
ALREADY_DECLARED = _("この審査対象にはすでに利益相反を申告しています。")
CONFLICT_DECLARED_BLOCKS = _("利益相反を申告した審査対象は評価できません。")
CONFLICT_OWN_ORGANIZATION = _("自分が所属する団体の応募は評価できません（利益相反）。")
CONFLICT_APPLICANT = _("自分が応募者に含まれる応募は評価できません（利益相反）。")
SCORES_HIDDEN_CONFLICT = _("利益相反のため、この審査対象の評価は表示できません。")
SCORES_HIDDEN_UNTIL_SUBMITTED = _(
    "ほかの審査員の評価は、自分の評価を提出したあとで表示されます（先入観を避けるため）。"
)

# --- Scores ----------------------------------------------------------------------------------
SCORES_SUBMITTED = _("評価を提出しました。")
SCORE_REQUIRED = _("「%(name)s」の点数を選んでください。")
SCORE_OUT_OF_SCALE = _("「%(name)s」の点数は%(min)s〜%(max)sの整数で選んでください。")
SCORE_UNKNOWN_CRITERION = _("この審査にない評価項目が含まれています。")
DEADLINE_PASSED = _("評価の締切（%(deadline)s）を過ぎたため、評価を提出できません。")
ITEM_WITHDRAWN = _("この審査対象は取り下げられたため、評価・決定できません。")
NO_CRITERIA = _("この審査には評価項目がまだありません。")

# --- Decisions -------------------------------------------------------------------------------
DECISION_RECORDED = _("決定を記録しました。")
DECISION_REASON_REQUIRED = _("決定の理由を書いてください（応募者に伝わります）。")
OUTCOME_REQUIRED = _("結果（採択・候補・不採択）を選んでください。")
OUTCOME_UNKNOWN = _("結果は「採択」「候補」「不採択」から選んでください。")

# --- Pages -----------------------------------------------------------------------------------
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")

# --- Notifications ---------------------------------------------------------------------------
NOTIFY_REVIEWER_ADDED = _("「%(title)s」の審査員になりました。")
NOTIFY_ITEM_ADDED = _("「%(title)s」に審査する案件が届きました。")
