"""Fixtures of the KPI tests.

- 佐藤 (``sato``): the secretariat; 鈴木 (``suzuki``) a member of ``community``; 高橋
  (``takahashi``) belongs to nothing
- ``community``: サンロクIT女子 with ``members`` (鈴木 and six more, seven active members)
- ``wellbeing``: seed 001's KPI ② as a survey-fed indicator (24% → +60 by FY2026)
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.communities.tests.factories import CommunityFactory, add_member
from kyoso.kpi import services
from kyoso.kpi.models import Form, Question, SourceKind, Unit
from kyoso.kpi.tests.factories import IndicatorFactory, targets


@pytest.fixture
def community(db):
    return CommunityFactory(name="サンロクIT女子", slug="sanroku-it")


@pytest.fixture
def members(community, suzuki):
    people = [suzuki] + [
        UserFactory(email=f"member{i}@example.jp", display_name=f"メンバー{i}") for i in range(6)
    ]
    for person in people:
        add_member(community, person)
    return people


@pytest.fixture
def wellbeing(db):
    indicator = IndicatorFactory(
        code="KPI②",
        name="コミュニティに入る前後でwell-beingが向上したと答える人の割合",
        unit=Unit.PERCENT,
        baseline=Decimal(24),
        source_kind=SourceKind.SURVEY,
        actual_form=Form.LEVEL,
        is_public=True,
    )
    targets(indicator, [10, 15, 25, 5, 5])
    return indicator


def make_survey(sato, community, wellbeing=None, *, anonymous=True):
    survey = services.survey_create(
        actor=sato,
        title="well-beingアンケート",
        closes_at=timezone.now() + timedelta(days=7),
        community=community,
        is_anonymous=anonymous,
    )
    services.question_add(
        actor=sato,
        survey=survey,
        kind=Question.Kind.LIKERT,
        text="コミュニティに入ってから、well-beingはどう変わりましたか",
        indicator=wellbeing,
        positive=[3, 4] if wellbeing else None,
    )
    services.question_add(
        actor=sato, survey=survey, kind=Question.Kind.TEXT, text="ひとこと", required=False
    )
    return survey


@pytest.fixture
def survey(sato, community, members, wellbeing):
    survey = make_survey(sato, community, wellbeing)
    services.survey_open(actor=sato, survey=survey)
    return survey
