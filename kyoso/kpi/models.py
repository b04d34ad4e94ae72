"""KPIs with a baseline and targets per 年度, their actuals, and the surveys feeding some (#19).

- :class:`Indicator`: what is measured (name, unit, baseline and its 年度, the plan's years, the
  evaluation month, public or not, notes) and where its actuals come from: a computed source
  (a key of :mod:`kyoso.core.indicators`), entered by staff with evidence, or a survey question.
- :class:`Target`: the target of one 年度, as the indicator's ``target_form`` says: the year's
  increment (増加分) or the cumulative increase since the baseline (累計). Stored as entered.
- :class:`Actual`: the actual of one 年度 (one row per indicator and year), stored by a refresh
  for computed and survey sources, entered by staff otherwise; in the form ``actual_form`` says.
- :class:`Survey`, :class:`Question`, :class:`Response`, :class:`Answer`,
  :class:`SurveyParticipation`: a short questionnaire sent to a community or to everyone.
  When a survey is anonymous the response carries no person; the participation row alone says
  who has answered (so nobody answers twice) and is never joined to the answers.

Rules (which forms agree, what a percentage may be) live in services.py and validation.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NAME_MAX = 200
TEXT_MAX = 4_000
#: Values are Decimal(14, 2): 千円 up to a trillion, percentages with two decimals.
DIGITS = 14
PLACES = 2


class Unit(models.TextChoices):
    PEOPLE = "people", _("人")
    COUNT = "count", _("件")
    THOUSAND_YEN = "thousand_yen", _("千円")
    YEN = "yen", _("円")
    PERCENT = "percent", _("%")


class Form(models.TextChoices):
    """How a yearly figure relates to the baseline."""

    #: The year's own increase (seed 001's 増加分): the cumulative is their running sum.
    INCREMENT = "increment", _("年度ごとの増加分")
    #: The increase since the baseline up to the year (seed 001's 累計).
    CUMULATIVE = "cumulative", _("基準値からの累計")
    #: The value itself in that year (e.g. a share of 40%): the cumulative is level − baseline.
    LEVEL = "level", _("その年度の値")


class SourceKind(models.TextChoices):
    COMPUTED = "computed", _("Kyosoのデータから集計")
    ENTERED = "entered", _("事務局が入力")
    SURVEY = "survey", _("アンケートの回答")


class Indicator(models.Model):
    code = models.CharField(_("番号"), max_length=20, blank=True, help_text=_("例: KPI①"))
    name = models.CharField(_("指標名"), max_length=NAME_MAX)
    unit = models.CharField(_("単位"), max_length=20, choices=Unit.choices)
    baseline = models.DecimalField(_("基準値"), max_digits=DIGITS, decimal_places=PLACES)
    baseline_year = models.PositiveSmallIntegerField(_("基準値の年度"))
    plan_start_year = models.PositiveSmallIntegerField(_("計画の最初の年度"))
    plan_end_year = models.PositiveSmallIntegerField(_("計画の最後の年度"))
    target_form = models.CharField(
        _("目標値の入力方法"),
        max_length=20,
        choices=[(Form.INCREMENT, Form.INCREMENT.label), (Form.CUMULATIVE, Form.CUMULATIVE.label)],
        default=Form.INCREMENT,
    )
    actual_form = models.CharField(
        _("実績値の入力方法"), max_length=20, choices=Form.choices, default=Form.INCREMENT
    )
    evaluation_month = models.PositiveSmallIntegerField(_("検証月"), default=9)
    is_public = models.BooleanField(_("公開する"), default=False)
    notes = models.TextField(_("備考"), max_length=TEXT_MAX, blank=True)
    source_kind = models.CharField(
        _("実績の出どころ"), max_length=20, choices=SourceKind.choices, default=SourceKind.ENTERED
    )
    #: A key of kyoso.core.indicators when ``source_kind`` is computed.
    source_key = models.CharField(_("集計の種類"), max_length=100, blank=True)
    #: Computed sources that honour a community, and surveys: the community measured, or all.
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("コミュニティ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    order = models.PositiveIntegerField(_("表示順"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    #: When the refresh last stored this indicator's actuals (computed and survey sources).
    refreshed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("指標")
        verbose_name_plural = _("指標")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluation_month__gte=1, evaluation_month__lte=12),
                name="kpi_indicator_month_1_12",
            ),
            models.CheckConstraint(
                condition=Q(plan_start_year__lte=models.F("plan_end_year")),
                name="kpi_indicator_plan_in_order",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__lte=models.F("plan_start_year")),
                name="kpi_indicator_baseline_before_plan",
            ),
            models.CheckConstraint(
                condition=Q(unit__in=[u.value for u in Unit]),
                name="kpi_indicator_unit_known",
            ),
            models.CheckConstraint(
                condition=Q(source_kind__in=[k.value for k in SourceKind]),
                name="kpi_indicator_source_kind_known",
            ),
            models.CheckConstraint(
                condition=~Q(source_kind="computed") | ~Q(source_key=""),
                name="kpi_indicator_computed_has_key",
            ),
            models.CheckConstraint(
                condition=~Q(unit="percent") | Q(baseline__gte=0, baseline__lte=100),
                name="kpi_indicator_percent_baseline_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("目標値"), max_digits=DIGITS, decimal_places=PLACES)

    class Meta:
        verbose_name = _("目標値")
        verbose_name_plural = _("目標値")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="kpi_target_once"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.fiscal_year}: {self.value}"


class Actual(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="actuals")
    fiscal_year = models.PositiveSmallIntegerField(_("年度"))
    value = models.DecimalField(_("実績値"), max_digits=DIGITS, decimal_places=PLACES)
    origin = models.CharField(max_length=20, choices=SourceKind.choices)
    #: How many answers a survey-fed share was computed from (None for other origins).
    answers = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(_("メモ"), max_length=NAME_MAX, blank=True)
    evidence = models.FileField(_("根拠資料"), upload_to="kpi/evidence/%Y/", blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("実績値")
        verbose_name_plural = _("実績値")
        ordering = ["indicator", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "fiscal_year"], name="kpi_actual_once"),
            models.CheckConstraint(
                condition=Q(origin__in=[k.value for k in SourceKind]),
                name="kpi_actual_origin_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.fiscal_year}: {self.value}"


# --- surveys ---------------------------------------------------------------------------------


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("下書き")
        OPEN = "open", _("回答受付中")
        CLOSED = "closed", _("締め切り")

    title = models.CharField(_("タイトル"), max_length=NAME_MAX)
    intro = models.TextField(_("説明"), max_length=TEXT_MAX, blank=True)
    #: Sent to this community's members, or to every participant when empty.
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("送り先のコミュニティ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_anonymous = models.BooleanField(_("回答者を事務局にも伏せる"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    closes_at = models.DateTimeField(_("締め切り日時"))
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("アンケート")
        verbose_name_plural = _("アンケート")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="kpi_survey_status"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(opened_at__isnull=False),
                name="kpi_survey_opened_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("5段階")
        CHOICE = "choice", _("選択肢")
        TEXT = "text", _("自由記述")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("形式"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("質問"), max_length=NAME_MAX)
    #: Labels of the choices (CHOICE), or of the five points (LIKERT, 1 = first label).
    choices = models.JSONField(_("選択肢"), default=list, blank=True)
    required = models.BooleanField(_("必須"), default=True)
    #: The indicator this question feeds: its actual is the share of answers in ``positive``.
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("反映する指標"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
    )
    #: Indices (0-based) of the choices counted as positive for the indicator.
    positive = models.JSONField(_("指標に数える選択肢"), default=list, blank=True)

    class Meta:
        verbose_name = _("質問")
        verbose_name_plural = _("質問")
        ordering = ["survey", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["likert", "choice", "text"]), name="kpi_question_kind"
            ),
            models.CheckConstraint(
                condition=~Q(kind="text") | Q(indicator__isnull=True),
                name="kpi_question_text_feeds_nothing",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class SurveyParticipation(models.Model):
    """Who has answered a survey (so nobody answers twice); never joined to the answers."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="kpi_participation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.user_id}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    #: Empty when the survey is anonymous.
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The day only: a time would let staff line answers up with who was online.
    submitted_on = models.DateField()

    class Meta:
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    #: 0-based index of the choice (LIKERT, CHOICE).
    choice = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["question", "id"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="kpi_answer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.choice if self.choice is not None else self.text}"
