"""A well-being survey in a browser: 佐藤 (the secretariat) builds a survey for the サンロクIT女子
community, links its question to KPI ② and sends it; five members answer (one on a phone); an
answer after the close is refused with a clear message; the dashboard shows the KPI's actual
for the year and whether it is on track — axe-clean, no sideways scrolling on the phone."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from kyoso.browser_tests.conftest import (
    DESKTOP_VIEWPORT,
    MOBILE_VIEWPORT,
    _page_for,
    field,
    flash_text,
    login,
    screenshot,
)
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.core.fiscal import fiscal_year, fiscal_year_label
from kyoso.kpi import messages
from kyoso.kpi.models import Form, SourceKind, Survey, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, targets

pytestmark = pytest.mark.browser

#: Each member's answer to the Likert question (1–5 as shown); 4 and 5 count as improved.
ANSWERS = [5, 4, 4, 3, 5]


def _answer(browser, live_url, person, survey_url, point, *, mobile=False):
    pages = _page_for(
        browser, live_url, MOBILE_VIEWPORT if mobile else DESKTOP_VIEWPORT, mobile=mobile
    )
    other = next(pages)
    try:
        login(other, person.email, DEFAULT_PASSWORD)
        other.goto(survey_url)
        other.locator("main").get_by_role("radio").nth(point - 1).check()
        other.get_by_label("ひとこと").fill("仲間ができて、仕事の相談がしやすくなりました。")
        with other.expect_navigation():
            other.get_by_role("button", name="回答を送る").click()
        assert str(messages.SURVEY_ANSWERED) in flash_text(other)
        if mobile:
            screenshot(other, "kpi-03-answered-phone")
        return other, pages
    except BaseException:
        pages.close()
        raise


def test_run_a_wellbeing_survey_and_see_the_kpi_update(page, browser, live_url, sato):
    community = CommunityFactory(name="サンロクIT女子フリーランス", slug="sanroku-it-joshi")
    members = [
        UserFactory(email=f"member{i}@example.jp", display_name=f"メンバー{i}") for i in range(6)
    ]
    for person in members:
        add_member(community, person)
    kpi = IndicatorFactory(
        code="KPI②",
        name="well-beingが向上したと答える人の割合",
        unit=Unit.PERCENT,
        baseline=Decimal(24),
        baseline_year=2021,
        plan_start_year=2022,
        plan_end_year=2030,
        target_form=Form.CUMULATIVE,
        source_kind=SourceKind.SURVEY,
        actual_form=Form.LEVEL,
        is_public=True,
    )
    this_year = fiscal_year(timezone.now())
    targets(kpi, [str(min(10 * (i + 1), 60)) for i in range(9)])
    closes = timezone.localtime() + timedelta(days=7)

    # 1. 佐藤 builds the survey and links its question to KPI ②.
    login(page, sato.email, DEFAULT_PASSWORD)
    page.goto(reverse("kpi:survey_new"))
    field(page, "タイトル").fill("well-beingアンケート")
    field(page, "送り先").select_option(label="サンロクIT女子フリーランス")
    field(page, "締め切り日時").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    with page.expect_navigation():
        page.locator("main").get_by_role("button", name="作る").click()
    assert str(messages.SURVEY_CREATED) in flash_text(page)
    survey = Survey.objects.get()
    field(page, "形式").select_option("likert")
    field(page, "質問").fill("コミュニティに入ってから、well-beingはどう変わりましたか")
    field(page, "反映する指標").select_option(label=str(kpi))
    field(page, "指標に数える選択肢の番号（例: 4, 5）").fill("4, 5")
    with page.expect_navigation():
        page.get_by_role("button", name="質問を追加する").click()
    field(page, "形式").select_option("text")
    field(page, "質問").fill("ひとこと")
    field(page, "回答を必須にする").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="質問を追加する").click()
    with page.expect_navigation():
        page.get_by_role("button", name="アンケートを送る").click()
    assert "アンケートを送りました（6人に通知）。" in flash_text(page)
    screenshot(page, "kpi-01-survey-sent")

    # 2. Five members answer (the last on a phone); under five, no breakdown is shown.
    survey_url = reverse("kpi:survey_answer", args=[survey.pk])
    opened = []
    try:
        for i, point in enumerate(ANSWERS):
            if i == 4:
                page.goto(reverse("kpi:survey_manage", args=[survey.pk]))
                assert "回答が5件未満のため" in page.locator("main").inner_text()
                screenshot(page, "kpi-02-four-answers-no-breakdown")
            opened.append(
                _answer(browser, live_url, members[i], survey_url, point, mobile=(i == 4))
            )
    finally:
        for _other, pages in opened:
            pages.close()

    # 3. 佐藤 closes it; the breakdown appears (5 answers) and the KPI is updated.
    page.goto(reverse("kpi:survey_manage", args=[survey.pk]))
    with page.expect_navigation():
        page.get_by_role("button", name="今すぐ締め切る").click()
    assert str(messages.SURVEY_CLOSED_NOW) in flash_text(page)
    main = page.locator("main").inner_text()
    assert "指標に数える回答の割合: 80.0%" in main
    screenshot(page, "kpi-04-results")

    # 4. The sixth member is too late: a clear message, no form.
    pages = _page_for(browser, live_url, DESKTOP_VIEWPORT, mobile=False)
    late = next(pages)
    try:
        login(late, members[5].email, DEFAULT_PASSWORD)
        late.goto(survey_url)
        assert "締め切られました。回答は受け付けていません。" in late.locator("main").inner_text()
        assert late.get_by_role("button", name="回答を送る").count() == 0
        screenshot(late, "kpi-05-closed")
    finally:
        pages.close()

    # 5. The dashboard shows this year's actual: 80% against the target level.
    page.goto(reverse("kpi:dashboard"))
    card = page.locator("section.kpi-card", has_text="well-being")
    row = card.locator("tr", has_text=fiscal_year_label(this_year))
    assert "80" in row.inner_text() and "56" in row.inner_text()  # level 80, cumulative +56
    assert card.locator("svg").count() == 1
    screenshot(page, "kpi-06-dashboard")
    page.goto(reverse("kpi:public"))
    assert "well-beingが向上したと答える人の割合" in page.locator("main").inner_text()
    screenshot(page, "kpi-07-public")
