"""Participation figures per fiscal year: attendance (not registrations), unique and
first-time people, the breakdowns, and who sees what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.models import Profile
from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events.figures import participation_figures
from kyoso.events.models import EventKind, EventStatus, RegistrationStatus
from kyoso.events.tests.builders import EventBuilder, RegistrationBuilder, tokyo
from kyoso.orgs.models import OrganizationType
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def attended(event, user=None, **kwargs):
    return RegistrationBuilder(event=event, user=user, checked_in_at=timezone.now(), **kwargs)


@pytest.fixture
def year():
    """FY2021 with people: 鈴木 (NPO, first came in FY2020), 田中 and 伊藤 (new)."""
    npo = OrganizationFactory(org_type=OrganizationType.NPO)
    company = OrganizationFactory(org_type=OrganizationType.COMPANY)
    suzuki, tanaka, ito = (UserFactory(display_name=n) for n in ("鈴木", "田中", "伊藤"))
    Profile.objects.filter(user=suzuki).update(sectors=["npo", "citizen"])
    Profile.objects.filter(user=tanaka).update(sectors=["company"])
    MembershipFactory(organization=npo, user=suzuki)
    MembershipFactory(organization=company, user=tanaka)
    MembershipFactory(organization=npo, user=tanaka)

    earlier = EventBuilder(starts_at=tokyo(2021, 3, 31, 23, 30))  # FY2020
    attended(earlier, suzuki)
    first = EventBuilder(
        kind=EventKind.REGULAR, starts_at=tokyo(2021, 4, 1, 0, 0), counted_attendance=5
    )
    attended(first, suzuki)
    attended(first, tanaka)
    attended(first, walk_in_name="飛び入り")
    RegistrationBuilder(event=first, user=UserFactory())  # registered, never came
    RegistrationBuilder(event=first, user=UserFactory(), status=RegistrationStatus.WAITLISTED)
    second = EventBuilder(
        kind=EventKind.STUDY, starts_at=tokyo(2022, 3, 31, 19, 0), counted_attendance=2
    )
    attended(second, tanaka)
    attended(second, ito)
    cancelled_reg = attended(second, UserFactory())
    cancelled_reg.status = RegistrationStatus.CANCELLED
    cancelled_reg.save()
    # Not counted: a cancelled and a draft event, and the next fiscal year.
    attended(
        EventBuilder(status=EventStatus.CANCELLED, starts_at=tokyo(2021, 6, 1, 19)), UserFactory()
    )
    EventBuilder(status=EventStatus.DRAFT, starts_at=tokyo(2021, 6, 2, 19), counted_attendance=50)
    EventBuilder(starts_at=tokyo(2022, 4, 1, 0, 0), counted_attendance=7)
    return {"suzuki": suzuki, "tanaka": tanaka, "ito": ito}


def test_fiscal_year_figures(year):
    figures = participation_figures(2021)
    assert figures.events_by_kind == {"regular": 1, "study": 1, "idea": 0, "hearing": 0, "other": 0}
    assert figures.events == 2
    # のべ: 3 + 2 checked in (the named walk-in included, the cancelled one not), 5 + 2 counted.
    assert figures.attendance == 12
    assert figures.counted == 7
    assert figures.unique_people == 3
    assert figures.first_time == 2  # 田中 and 伊藤; 鈴木 first came in FY2020
    assert figures.by_sector == {}  # only on request
    fy2020 = participation_figures(2020)
    assert (fy2020.events, fy2020.attendance, fy2020.unique_people, fy2020.first_time) == (
        1,
        1,
        1,
        1,
    )


def test_breakdown_by_sector_and_organization_type(year):
    figures = participation_figures(2021, breakdown=True)
    assert figures.by_sector == {"npo": 1, "citizen": 1, "company": 1, "": 1}
    assert figures.by_org_type == {"npo": 2, "company": 1, "": 1}


def test_figures_queries(year):
    with assert_num_queries(3):  # 1 events by kind, 2 attended registrations, 3 first-timers
        participation_figures(2021)
    with assert_num_queries(5):  # the same, 4 profiles' sectors, 5 memberships' org types
        participation_figures(2021, breakdown=True)


URL = reverse("events:figures")


def test_public_sees_counts_but_not_the_breakdown(client, year):
    # 1 events by kind, 2 attended registrations, 3 first-timers
    with assert_num_queries(3):
        response = client.get(URL, {"fy": "2021"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "令和3年度の参加の実績" in page
    assert '<td class="num">12</td>' in page
    assert "セクター別" not in page and "所属団体の種別" not in page


@pytest.mark.parametrize("persona", ["suzuki", "takahashi"])
def test_members_see_counts_only(client, request, year, persona):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(URL, {"fy": "2021"}).content.decode()
    assert '<td class="num">12</td>' in page and "セクター別" not in page


def test_secretariat_sees_the_breakdown(client, sato, year):
    client.force_login(sato)
    # 1 session, 2 user, 3 roles (two-factor policy), 4 site settings, 5 events by kind,
    # 6 attended registrations, 7 first-timers, 8 sectors, 9 organization types
    with assert_num_queries(9):
        page = client.get(URL, {"fy": "2021"}).content.decode()
    assert "セクター別の参加者" in page and "NPO・市民活動" in page
    assert "所属団体の種別ごとの参加者" in page and "企業" in page


def test_bad_fiscal_year_is_explained(client):
    response = client.get(URL, {"fy": "令和3"})
    assert response.status_code == 400
    assert "「令和3」は年度として読み取れません" in response.content.decode()
    assert client.get(URL, {"fy": "２０２１"}).status_code == 200
    future = timezone.now() + timedelta(days=800)
    assert client.get(URL, {"fy": str(future.year + 1)}).status_code == 400
