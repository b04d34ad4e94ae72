"""The pages: who may open what (role × action × state), the dashboard's constant query count,
bad input on the forms, answering through the page."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.kpi import messages, services
from kyoso.kpi.models import Form, Indicator, Response, Survey, Target, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def kpi(db):
    indicator = IndicatorFactory(
        code="KPI①",
        name="売上・資金調達サポート等金額",
        unit=Unit.THOUSAND_YEN,
        baseline=Decimal("43458"),
        is_public=True,
    )
    targets(indicator, ["25542", "34780", "54626", "54626", "54626"])
    actual(indicator, 2022, "26000")
    return indicator


STAFF_PAGES = [
    ("kpi:dashboard", {}),
    ("kpi:indicator_new", {}),
    ("kpi:indicator", {"pk": "KPI"}),
    ("kpi:indicator_edit", {"pk": "KPI"}),
    ("kpi:surveys", {}),
    ("kpi:survey_new", {}),
]


def _url(name, kwargs, kpi):
    return reverse(name, kwargs={k: kpi.pk if v == "KPI" else v for k, v in kwargs.items()})


@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("suzuki", 403), ("sato", 200)])
def test_staff_pages_are_the_secretariats(client, kpi, name, kwargs, who, status, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(_url(name, kwargs, kpi)).status_code == status


@pytest.mark.parametrize("who", ["anonymous", "suzuki", "sato"])
def test_the_public_page_shows_public_indicators_only(client, kpi, who, request):
    IndicatorFactory(name="内部の指標", is_public=False)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    page = client.get(reverse("kpi:public")).content.decode()
    assert "売上・資金調達サポート等金額" in page and "内部の指標" not in page
    assert "224,200" in page and "43,458" in page and "<svg" in page
    assert "<style" not in page and "<script>" not in page


@pytest.mark.parametrize("count", [1, 20])
def test_the_dashboard_reads_the_same_queries_for_1_and_20_indicators(client, sato, count):
    for i in range(count):
        indicator = IndicatorFactory(name=f"指標{i}")
        targets(indicator, [1, 2, 3, 4, 5])
        actual(indicator, 2022, 2)
    client.force_login(sato)
    # 1 session, 2 user, 3 secretariat role, 4 indicators with their community, 5 targets,
    # 6 actuals, 7 unread notifications (header)
    with assert_num_queries(7):
        response = client.get(reverse("kpi:dashboard"))
    assert response.status_code == 200
    assert response.content.decode().count('class="card kpi-card"') == count


def test_the_dashboard_shows_baseline_targets_actuals_and_on_track(client, sato, kpi):
    client.force_login(sato)
    page = client.get(reverse("kpi:dashboard")).content.decode()
    for figure in ["43,458", "25,542", "34,780", "54,626", "224,200", "26,000"]:
        assert figure in page
    assert "達成" in page and "順調" in page


def test_targets_outside_a_decreasing_series_is_shown_and_nothing_is_saved(client, sato):
    indicator = IndicatorFactory(
        unit=Unit.PERCENT, baseline=Decimal(24), target_form=Form.CUMULATIVE
    )
    client.force_login(sato)
    response = client.post(
        reverse("kpi:targets", kwargs={"pk": indicator.pk}),
        {"y2022": "10", "y2023": "25", "y2024": "20", "y2025": "", "y2026": ""},
    )
    assert response.status_code == 400
    message = messages.CUMULATIVE_DECREASES % {
        "year": "令和6年度",
        "value": "20",
        "previous": "25",
    }
    assert message in response.content.decode()
    assert not Target.objects.exists()


def test_targets_typed_the_japanese_way_are_read(client, sato):
    indicator = IndicatorFactory(unit=Unit.THOUSAND_YEN)
    client.force_login(sato)
    response = client.post(
        reverse("kpi:targets", kwargs={"pk": indicator.pk}),
        {"y2022": "25,542", "y2023": "３４，７８０", "y2024": "", "y2025": "", "y2026": ""},
    )
    assert response.status_code == 302
    assert dict(Target.objects.values_list("fiscal_year", "value")) == {
        2022: Decimal("25542"),
        2023: Decimal("34780"),
    }


def test_a_percentage_over_100_on_the_actual_form(client, sato):
    indicator = IndicatorFactory(unit=Unit.PERCENT, baseline=Decimal(24), actual_form=Form.LEVEL)
    client.force_login(sato)
    response = client.post(
        reverse("kpi:actual", kwargs={"pk": indicator.pk}), {"fiscal_year": "2022", "value": "140"}
    )
    assert response.status_code == 400
    assert "割合（%）は0から100の間にしてください" in response.content.decode()


def test_creating_an_indicator_from_the_form(client, sato):
    client.force_login(sato)
    response = client.post(
        reverse("kpi:indicator_new"),
        {
            "code": "KPI③",
            "name": "セッション参加者数",
            "unit": "people",
            "baseline": "128",
            "baseline_year": "2021",
            "plan_start_year": "2022",
            "plan_end_year": "2026",
            "target_form": "increment",
            "source_kind": "computed",
            "source_key": "events.participants_total",
            "actual_form": "increment",
            "evaluation_month": "9",
            "is_public": "on",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get()
    assert indicator.source_key == "events.participants_total" and indicator.is_public


def test_a_plan_that_ends_before_it_starts_is_refused_on_the_form(client, sato):
    client.force_login(sato)
    response = client.post(
        reverse("kpi:indicator_new"),
        {
            "name": "x",
            "unit": "count",
            "baseline": "0",
            "baseline_year": "2021",
            "plan_start_year": "2026",
            "plan_end_year": "2022",
            "target_form": "increment",
            "source_kind": "entered",
            "actual_form": "increment",
            "evaluation_month": "9",
        },
    )
    assert response.status_code == 400
    assert str(messages.PLAN_YEARS_REVERSED) in response.content.decode()
    assert not Indicator.objects.exists()


# --- surveys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        ("anonymous", "open", 302),
        ("takahashi", "open", 403),  # not a member of the community
        ("suzuki", "open", 200),
        ("suzuki", "draft", 403),
        ("suzuki", "closed", 200),
    ],
)
def test_who_may_open_the_answer_page(client, survey, who, state, status, request, sato):
    if state == "draft":
        Survey.objects.filter(pk=survey.pk).update(status="draft")
    if state == "closed":
        services.survey_close(actor=sato, survey=survey)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("kpi:survey_answer", kwargs={"pk": survey.pk})).status_code == status


@pytest.mark.parametrize(("who", "status"), [("suzuki", 403), ("sato", 200)])
def test_results_are_the_secretariats(client, survey, who, status, request):
    client.force_login(request.getfixturevalue(who))
    url = reverse("kpi:survey_manage", kwargs={"pk": survey.pk})
    assert client.get(url).status_code == status


def test_answering_through_the_page_and_after_the_close(client, survey, suzuki, members, sato):
    client.force_login(suzuki)
    url = reverse("kpi:survey_answer", kwargs={"pk": survey.pk})
    question = survey.questions.order_by("order").first()
    response = client.post(url, {f"q{question.pk}": "4"})
    assert response.status_code == 302
    assert Response.objects.count() == 1
    assert "回答済みです" in client.get(url).content.decode()

    other = members[1]
    client.force_login(other)
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    response = client.post(url, {f"q{question.pk}": "4"})
    assert response.status_code == 409
    assert "締め切られました。回答は受け付けていません。" in response.content.decode()
    assert Response.objects.count() == 1


def test_the_manage_page_hides_the_breakdown_under_five(client, survey, members, sato):
    question = survey.questions.order_by("order").first()
    for person in members[:4]:
        services.survey_answer(actor=person, survey=survey, answers={question.pk: "4"})
    client.force_login(sato)
    page = client.get(reverse("kpi:survey_manage", kwargs={"pk": survey.pk})).content.decode()
    assert "回答が5件未満のため" in page
    assert "とても良くなった</th>" not in page
