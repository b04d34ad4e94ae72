"""Loading the demo's KPIs (issue 19): seed 001's two KPIs with their targets and the actuals
of the years the demo covers, two indicators computed from the events, and a well-being survey
in the サンロクIT女子 community.

- KPI ① (千円, entered by staff): baseline 43,458 in FY2021, increments 25,542 / 34,780 /
  54,626 / 54,626 / 54,626 over FY2022–FY2026 (cumulative 224,200), as seed 001's table.
- KPI ② (%, fed by the well-being survey): baseline 24%, targets entered as the cumulative
  10 / 25 / 50 / 55 / 60 (seed 001's increments 10 / 15 / 25 / 5 / 5). Past years were
  surveyed before Kyoso, so the secretariat entered them; this year's survey runs in Kyoso.
- Actuals for each plan year already evaluated (before the current 年度), with a CSV as
  evidence; the figures are invented for the demo.
- The events' のべ participants and sessions held (computed, FY2021–FY2026), stored by a
  refresh at the end of the step: FY2021 shows seed 000's 11 sessions and のべ128.

Idempotent: an indicator is found by its code, a survey by its title; nothing existing changes.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

#: The community the well-being survey goes to, and the demo people who join it as members so
#: that the survey has enough answers to be shown (five or more).
COMMUNITY_SLUG = "sanroku-it-joshi"
SURVEY_MEMBERS = ["tanaka", "ito", "yamamoto", "nakamura", "kobayashi"]

KPI1_INCREMENTS = ["25542", "34780", "54626", "54626", "54626"]
#: KPI ①'s invented actual increments (千円) per 年度.
KPI1_ACTUALS = {2022: "27310", 2023: "31905", 2024: "56120", 2025: "52480"}
KPI2_CUMULATIVE = ["10", "25", "50", "55", "60"]
#: KPI ②'s invented actual shares (%) per 年度, from the surveys held before Kyoso.
KPI2_ACTUALS = {2022: "36", 2023: "47", 2024: "75", 2025: "80"}

SURVEY_TITLE = "サンロクIT女子 well-beingアンケート"
WELLBEING_QUESTION = (
    "コミュニティに入る前と比べて、あなたのwell-being（心身の満足度）はどう変わりましたか"
)
#: Who has already answered the open survey (choice index; 3 and 4 count as "improved").
SURVEY_ANSWERS = {"matsumoto": 4, "sasaki": 3, "tanaka": 2}


def load_kpis(run: Any) -> None:
    """The ``load_kpis`` step of :mod:`kyoso.demo.services` (``run`` is its ``_Run``)."""
    from kyoso.communities.models import Community
    from kyoso.core.fiscal import fiscal_year
    from kyoso.kpi import services
    from kyoso.kpi.models import Form, Indicator, SourceKind, Unit

    this_year = fiscal_year(run.now)
    secretariat = run.secretariat

    def indicator(code: str, **fields: Any) -> tuple[Indicator, bool]:
        run.totals["kpi indicators"] += 1
        found = Indicator.objects.filter(code=code).first()
        if found is not None:
            return found, False
        created = services.indicator_create(
            actor=secretariat, data=services.IndicatorData(code=code, **fields)
        )
        run.created["kpi indicators"] += 1
        return created, True

    kpi1, new = indicator(
        "KPI①",
        name="ビジネスプロジェクト実施による売上・資金調達サポート等金額",
        unit=Unit.THOUSAND_YEN,
        baseline=Decimal("43458"),
        baseline_year=2021,
        plan_start_year=2022,
        plan_end_year=2026,
        target_form=Form.INCREMENT,
        actual_form=Form.INCREMENT,
        is_public=True,
        order=1,
        notes="毎年度9月に、まち・ひと・しごと創生総合戦略委員が検証し、市のホームページで公表します。",
    )
    if new:
        services.targets_set(
            actor=secretariat,
            indicator=kpi1,
            values={2022 + i: Decimal(v) for i, v in enumerate(KPI1_INCREMENTS)},
        )
        _actuals(run, kpi1, KPI1_ACTUALS, this_year, "売上・資金調達サポート集計")

    kpi2, new = indicator(
        "KPI②",
        name="サンロクIT女子コミュニティに属する女性のうち、コミュニティに入る前後で"
        "well-beingが向上したと答える人の割合",
        unit=Unit.PERCENT,
        baseline=Decimal("24"),
        baseline_year=2021,
        plan_start_year=2022,
        plan_end_year=2026,
        target_form=Form.CUMULATIVE,
        source_kind=SourceKind.SURVEY,
        is_public=True,
        order=2,
        notes="令和7年度まではアンケート用紙で集計し、事務局が入力しました。",
    )
    if new:
        services.targets_set(
            actor=secretariat,
            indicator=kpi2,
            values={2022 + i: Decimal(v) for i, v in enumerate(KPI2_CUMULATIVE)},
        )
        _actuals(run, kpi2, KPI2_ACTUALS, this_year, "well-beingアンケート集計")

    for code, key, name, baseline, target in [
        ("セッション①", "events.held", "セッションの開催数", "0", "11"),
        ("セッション②", "events.participants_total", "セッション参加者数（のべ）", "0", "128"),
    ]:
        computed, new = indicator(
            code,
            name=name,
            unit="count" if key == "events.held" else "people",
            baseline=Decimal(baseline),
            baseline_year=2020,
            plan_start_year=2021,
            plan_end_year=2026,
            source_kind=SourceKind.COMPUTED,
            source_key=key,
            order=10 if key == "events.held" else 11,
        )
        if new:
            services.targets_set(
                actor=secretariat,
                indicator=computed,
                values={year: Decimal(target) for year in range(2021, 2027)},
            )

    community = Community.objects.filter(slug=COMMUNITY_SLUG).first()
    if community is not None:
        _survey(run, community, kpi2)
    if run.created["kpi indicators"]:
        # Only on the first load: a second run changes nothing (the daily job refreshes).
        services.indicators_refresh(now=run.now)


def _actuals(run: Any, indicator: Any, values: dict[int, str], this_year: int, what: str) -> None:
    from kyoso.kpi import services

    for year, value in values.items():
        if year >= this_year:
            continue  # evaluated in September of the next 年度: not yet
        evidence = SimpleUploadedFile(
            f"{what}_{year}.csv",
            f"年度,値\n{year},{value}\n".encode(),
            content_type="text/csv",
        )
        services.actual_enter(
            actor=run.secretariat,
            indicator=indicator,
            fiscal_year=year,
            value=Decimal(value),
            note="デモ用の値",
            evidence=evidence,
        )
        run.created["kpi actuals"] += 1


def _survey(run: Any, community: Any, indicator: Any) -> None:
    from django.db.models import F

    from kyoso.communities.models import CommunityMembership, CommunityRole, MembershipStatus
    from kyoso.kpi import services
    from kyoso.kpi.models import Question, Survey

    for key in SURVEY_MEMBERS:
        user = run.users.get(key)
        if (
            user is None
            or CommunityMembership.objects.filter(community=community, user=user).exists()
        ):
            continue
        CommunityMembership.objects.create(
            community=community,
            user=user,
            role=CommunityRole.MEMBER,
            status=MembershipStatus.ACTIVE,
            decided_at=run.now,
        )
        type(community).objects.filter(pk=community.pk).update(member_count=F("member_count") + 1)
    run.totals["kpi surveys"] += 1
    if Survey.objects.filter(title=SURVEY_TITLE).exists():
        return
    survey = services.survey_create(
        actor=run.secretariat,
        title=SURVEY_TITLE,
        intro="コミュニティに参加してからの変化を教えてください。回答は匿名で、5人以上の回答が"
        "集まるまで結果は表示しません。",
        closes_at=run.now + timedelta(days=30),
        community=community,
        is_anonymous=True,
    )
    services.question_add(
        actor=run.secretariat,
        survey=survey,
        kind=Question.Kind.LIKERT,
        text=WELLBEING_QUESTION,
        indicator=indicator,
        positive=[3, 4],
    )
    services.question_add(
        actor=run.secretariat,
        survey=survey,
        kind=Question.Kind.TEXT,
        text="コミュニティに入って変わったことがあれば教えてください",
        required=False,
    )
    services.survey_open(actor=run.secretariat, survey=survey)
    question = survey.questions.get(kind=Question.Kind.LIKERT)
    for key, choice in SURVEY_ANSWERS.items():
        user = run.users.get(key)
        if user is not None:
            services.survey_answer(actor=user, survey=survey, answers={question.pk: choice})
    run.created["kpi surveys"] += 1
