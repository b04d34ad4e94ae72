"""User-facing messages of the challenges app, as constants that tests assert against."""

from django.utils.translation import gettext_lazy as _

# --- Posting -----------------------------------------------------------------------------------
CHALLENGE_CREATED = _("チャレンジを下書きとして保存しました。内容を確かめて公開してください。")
CHALLENGE_SAVED = _("チャレンジを保存しました。")
CHALLENGE_PUBLISHED = _("チャレンジを公開しました。提案の募集が始まりました。")
CHALLENGE_CLOSED = _("チャレンジの募集を締め切りました。")
FORM_HAS_ERRORS = _("入力内容を確認してください。まだ保存されていません。")
NOT_VERIFIED = _(
    "認証済みの団体だけがチャレンジを募集できます。事務局に団体の認証を依頼してください。"
)
WRONG_KIND = _("チャレンジを募集できるのは、自治体か企業の団体です。")
NOT_MANAGER = _("団体の管理者だけがチャレンジを募集できます。")
TEXT_REQUIRED = _("「%(field)s」を書いてください。")
TEXT_TOO_LONG = _("%(limit_value)s文字以内で入力してください（いま%(show_value)s文字です）。")
BUDGET_REQUIRED = _("予算ありの場合は予算額（円）を入力してください。")
BUDGET_ONLY_WITH_BUDGET = _("予算額は「予算あり」のときだけ入力できます。")
YEN_RANGE = _("金額は1円以上、100億円以下で入力してください。")
TIMELINE_ORDER = _("日付は「質問の受付期限 ≦ 提案の締切 ≦ 採択の決定予定日」の順にしてください。")
TRIAL_BACKWARDS = _("実証の終了予定日は開始予定日より後にしてください。")
NO_PROPOSERS = _("提案できる団体の種類を1つ以上選んでください。")
CRITERIA_REQUIRED = _("評価基準を1つ以上、名前と重み（1〜100）で入力してください。")
CRITERION_INCOMPLETE = _("評価基準%(number)s：名前と重み（1〜100）の両方を入力してください。")
THEME_INVALID = _("選択肢にない値です。表示されている選択肢から選んでください。")
LINK_INVALID = _(
    "番号%(ids)sの%(what)sは見つかりませんでした（見られるものだけ関連付けできます）。"
)
IDS_INVALID = _("番号を半角数字で、カンマ区切りで入力してください（例：12, 34）。")
NOT_A_DRAFT = _("このチャレンジは下書きではありません。")
NOT_PUBLISHED = _("このチャレンジは募集中ではありません。")
DEADLINE_IN_PAST = _(
    "提案の締切（%(deadline)s）が過ぎているため公開できません。日付を直してください。"
)
POINT_INCOMPLETE = _("地図の地点は緯度と経度の両方を入力してください。")

# --- Q&A -----------------------------------------------------------------------------------------
QUESTION_ASKED = _(
    "質問を送りました。回答はこのページで全員に公開されます（質問者の名前は表示されません）。"
)
QUESTION_REQUIRED = _("質問を書いてください。")
QUESTIONS_CLOSED = _("質問の受付期限（%(date)s）を過ぎたため、質問できません。")
OWN_CHALLENGE_QUESTION = _("自分の団体のチャレンジには質問できません。")
ANSWER_REQUIRED = _("回答を書いてください。")
ANSWERED = _("回答を公開し、フォローしている人に知らせました。")
FOLLOWING = _("このチャレンジをフォローしました。回答や変更をお知らせします。")
UNFOLLOWED = _("フォローをやめました。")

# --- Proposals -----------------------------------------------------------------------------------
PROPOSED = _("提案を提出しました。締切までは編集できます。")
PROPOSAL_SAVED = _("提案を保存しました。")
PROPOSALS_CLOSED = _("提案の締切（%(date)s）を過ぎたため、提案の提出・編集はできません。")
ALREADY_PROPOSED = _(
    "この団体はすでにこのチャレンジに提案しています。提出した提案を編集してください。"
)
ORGANIZATION_REQUIRED = _("提案する団体を選んでください（管理者である団体だけ選べます）。")
ORGANIZATION_NOT_ELIGIBLE = _("この団体の種類は、このチャレンジに提案できません。")
OWN_CHALLENGE_PROPOSAL = _("自分の団体のチャレンジには提案できません。")
COST_INVALID = _("費用は0円以上、100億円以下の半角数字で入力してください。")
PROPOSAL_DECIDED_LOCKED = _("採否が決まった提案は編集できません。")
FILE_NOT_PDF = _("「%(name)s」はPDFとして読み取れませんでした。PDFファイルを選んでください。")
FILE_TOO_LARGE = _("「%(name)s」は大きすぎます（1件%(limit)sMBまで）。")
FILE_EMPTY = _("「%(name)s」は空のファイルです。")
TOO_MANY_FILES = _("資料は%(max)s件までです。")
ATTACHMENT_REMOVED = _("資料を削除しました。")

# --- Decisions -----------------------------------------------------------------------------------
NOTIFY_ANSWER = _("チャレンジ「%(title)s」の質問に回答がありました。")
NOTIFY_QUESTION = _("チャレンジ「%(title)s」に質問が届きました。回答してください。")
NOTIFY_PROPOSAL = _("チャレンジ「%(title)s」に提案が届きました。")
NOTIFY_SELECTED = _(
    "チャレンジ「%(title)s」への提案が採択されました。実証プロジェクトが始まります。"
)
NOTIFY_NOT_SELECTED = _("チャレンジ「%(title)s」への提案は不採択となりました。理由を確認できます。")
NOTIFY_SHORTLISTED = _("チャレンジ「%(title)s」への提案が候補に残りました。")
TRIAL_PROJECT_GOAL = _("チャレンジ「%(title)s」の実証")

# --- Lists ---------------------------------------------------------------------------------------
FILTER_INVALID = _("絞り込みの条件に使えない値があったため、その条件は外しました。")
PAGE_INVALID = _("ページの指定が正しくなかったため、最初のページを表示しています。")

# --- Reviewers -----------------------------------------------------------------------------------
REVIEWER_ADDED = _("審査員を追加しました。")
REVIEWER_REMOVED = _("審査員を外しました。")
REVIEWER_NOT_FOUND = _(
    "そのメールアドレスの利用者は見つかりませんでした。先に Kyoso に登録してもらってください。"
)
NO_ROUND = _("公開されたチャレンジだけが審査員を持てます。先に公開してください。")
