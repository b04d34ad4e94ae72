"""Exact query counts of the KPI pages (each named)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.core.testing import assert_num_queries
from kyoso.kpi import messages, services
from kyoso.kpi.tests.factories import IndicatorFactory, actual, targets
from kyoso.kpi.validation import KpiError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 20])
def test_the_public_page(client, count):
    for i in range(count):
        kpi = IndicatorFactory(name=f"公開{i}", is_public=True)
        targets(kpi, [1, 2, 3])
        actual(kpi, 2022, 1)
    # 1 indicators, 2 targets, 3 actuals
    with assert_num_queries(3):
        assert client.get(reverse("kpi:public")).status_code == 200


def test_the_indicator_page(client, sato):
    kpi = IndicatorFactory()
    targets(kpi, [1, 2, 3])
    actual(kpi, 2022, 1)
    client.force_login(sato)
    url = reverse("kpi:indicator", kwargs={"pk": kpi.pk})
    # 1 session, 2 user, 3 roles, 4 site settings (staff two-factor), 5 the indicator (rule),
    # 6 the indicator with its community, 7 targets, 8 actuals
    with assert_num_queries(8):
        assert client.get(url).status_code == 200


def test_the_survey_pages(client, sato, survey, suzuki):
    client.force_login(sato)
    # 1 session, 2 user, 3 roles, 4 site settings (staff two-factor), 5 survey, 6 its questions
    # with their indicators, 7 survey-fed indicators (form), 8 responses count, 9 questions
    # (results; no answer query under five responses)
    with assert_num_queries(9):
        assert client.get(reverse("kpi:survey_manage", kwargs={"pk": survey.pk})).status_code == 200
    client.force_login(suzuki)
    # 1 session, 2 user, 3 roles (header), 4 survey, 5 its questions, 6 community membership
    # (rule), 7 answered already?
    with assert_num_queries(7):
        assert client.get(reverse("kpi:survey_answer", kwargs={"pk": survey.pk})).status_code == 200


def test_a_survey_closing_in_the_past_is_refused(sato, community):
    with pytest.raises(KpiError) as refused:
        services.survey_create(
            actor=sato,
            title="過去",
            closes_at=timezone.now() - timedelta(hours=1),
            community=community,
        )
    assert refused.value.message == messages.SURVEY_CLOSES_IN_PAST
