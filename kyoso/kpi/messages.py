"""User-facing messages of the KPI app (Japanese msgids; tests assert these constants)."""

from django.utils.translation import gettext_lazy as _

FORM_HAS_ERRORS = _("入力内容を確認してください。")

# Indicators and targets
PLAN_YEARS_REVERSED = _("計画の最後の年度は最初の年度と同じか後にしてください。")
BASELINE_AFTER_PLAN = _("基準値の年度は計画の最初の年度と同じか前にしてください。")
PLAN_TOO_LONG = _("計画の期間は20年度までにしてください。")
MONTH_INVALID = _("検証月は1から12の数字で入力してください。")
SOURCE_KEY_UNKNOWN = _("その集計の種類は登録されていません。一覧から選んでください。")
SOURCE_KEY_NEEDED = _("Kyosoのデータから集計するときは、集計の種類を選んでください。")
SOURCE_NOT_PER_COMMUNITY = _("この集計の種類はコミュニティごとには数えられません。")
PERCENT_OVER_100 = _("割合（%%）は0から100の間にしてください（%(year)sは%(value)s%%になります）。")
PERCENT_BASELINE_OVER_100 = _("割合（%）の基準値は0から100の間にしてください。")
TARGET_YEAR_OUTSIDE_PLAN = _(
    "%(years)sは計画の期間（%(start)s〜%(end)s）の外です。計画の期間内の年度だけ入力できます。"
)
CUMULATIVE_DECREASES = _(
    "累計は前の年度より小さくできません（%(year)sの%(value)sが前の年度の%(previous)sより小さい）。"
)
NOT_A_NUMBER = _("「%(text)s」は数値として読み取れません。")
INDICATOR_SAVED = _("指標を保存しました。")
TARGETS_SAVED = _("目標値を保存しました。")

# Actuals
ACTUAL_NOT_ENTERED = _(
    "この指標の実績は自動で集計されます。手で入力できるのは事務局が入力する指標だけです。"
)
ACTUAL_YEAR_OUTSIDE_PLAN = _("%(year)sは計画の期間（%(start)s〜%(end)s）の外です。")
ACTUAL_SAVED = _("実績値を保存しました。")
EVIDENCE_NOT_ALLOWED = _(
    "根拠資料はPDF、PNG、JPEG、Excel（.xlsx）かCSVのファイルにしてください（中身を確かめています）。"
)
EVIDENCE_TOO_LARGE = _("根拠資料は10MBまでにしてください。")
REFRESHED = _("自動集計の実績を更新しました（%(count)s件）。")

# Surveys
SURVEY_CREATED = _("アンケートを作りました。質問を追加してください。")
SURVEY_NOT_DRAFT = _("送信したアンケートは変更できません。")
SURVEY_NO_QUESTIONS = _("質問が一つもないアンケートは送れません。")
SURVEY_CLOSES_IN_PAST = _("締め切り日時は今より後にしてください。")
SURVEY_OPENED = _("アンケートを送りました（%(count)s人に通知）。")
SURVEY_CLOSED_NOW = _("アンケートを締め切りました。")
SURVEY_NOT_OPEN = _("このアンケートは回答を受け付けていません。")
SURVEY_CLOSED = _("このアンケートは%(closed)sに締め切られました。回答は受け付けていません。")
SURVEY_ALREADY_ANSWERED = _("このアンケートにはすでに回答しています。回答は一度だけです。")
SURVEY_NOT_FOR_YOU = _("このアンケートは%(community)sのメンバーに向けたものです。")
SURVEY_ANSWERED = _("回答を送りました。ご協力ありがとうございます。")
ANSWER_REQUIRED = _("この質問は回答が必要です。")
ANSWER_CHOICE_INVALID = _("選択肢の中から選んでください。")
QUESTION_ADDED = _("質問を追加しました。")
QUESTION_NEEDS_CHOICES = _("選択肢を2つ以上、1行に1つずつ入力してください。")
QUESTION_LIKERT_FIVE = _(
    "5段階の質問には、5つの段階の名前を1行に1つずつ入力するか、空欄にしてください。"
)
QUESTION_POSITIVE_INVALID = _("指標に数える選択肢は、選択肢の番号（1から）で入力してください。")
QUESTION_POSITIVE_NEEDED = _("指標に反映するときは、数える選択肢を選んでください。")
QUESTION_TEXT_NO_INDICATOR = _("自由記述の質問は指標に反映できません。")
QUESTION_INDICATOR_NOT_SURVEY = _("その指標はアンケートから集計する指標ではありません。")
TOO_FEW_ANSWERS = _(
    "回答が%(min)s件未満のため、回答者が特定されないよう内訳は表示しません（現在%(count)s件）。"
)
SURVEY_INVITATION = _("アンケート「%(title)s」へのご協力をお願いします。")
SURVEY_PREVIEW_ONLY = _("このアンケートはまだ送られていません（下書き）。")
