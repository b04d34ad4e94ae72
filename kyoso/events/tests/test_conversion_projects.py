"""The projects app's part in the events' follow-up figures (docs/events.md, "Conversion"):
joining a project and filling a need count as acting, and the follow-up page links to the
projects that grew out of the event. Both reach events through core registries
(``kyoso.core.acts``, ``kyoso.core.outgrowths``) that ``kyoso.projects.conversion`` fills.

Projects, memberships and needs are written directly (the projects services are built in
parallel); only the columns the figures read matter."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kyoso.accounts.tests.factories import UserFactory
from kyoso.core.testing import assert_num_queries
from kyoso.events.selectors_followup import conversion_by_fiscal_year, conversion_of
from kyoso.events.tests.after_event import attend, make_event, organizer, write_minutes
from kyoso.events.tests.builders import tokyo
from kyoso.issues.tests.factories import IssueFactory
from kyoso.projects.models import (
    MemberRole,
    Membership,
    MemberStatus,
    Need,
    NeedKind,
    NeedStatus,
    Origin,
    Project,
    Stage,
)

START = tokyo(2021, 6, 4, 19, 0)
END = tokyo(2021, 6, 4, 21, 0)
LAST_MOMENT = END + timedelta(days=90)
ONE_SECOND = timedelta(seconds=1)


def project(title="放課後の居場所づくり", *, event=None, **fields):
    fields.setdefault("goal", "中学生が放課後に過ごせる場所をつくる")
    if event is not None:
        fields.setdefault("origin", Origin.MINUTES)
    return Project.objects.create(title=title, origin_event=event, **fields)


def join(person, into, at, *, role=MemberRole.MEMBER):
    return Membership.objects.create(
        project=into, user=person, role=role, status=MemberStatus.ACTIVE, joined_at=at
    )


def fill_need(person, of, at):
    return Need.objects.create(
        project=of,
        kind=NeedKind.SKILLS,
        title="チラシのデザイン",
        status=NeedStatus.FILLED,
        filled_by=person,
        filled_at=at,
    )


@pytest.fixture
def creator(db):
    return organizer()


@pytest.fixture
def event(creator):
    return make_event(created_by=creator, starts_at=START, ends_at=END)


def test_joining_a_project_in_the_window_counts_and_after_it_does_not(event):
    on_time, late, lead = UserFactory(), UserFactory(), UserFactory()
    for person in (on_time, late, lead):
        attend(event, person)
    elsewhere = project("商店街の空き店舗活用")
    join(on_time, elsewhere, LAST_MOMENT)  # the last moment of the window still counts
    join(late, elsewhere, LAST_MOMENT + ONE_SECOND)
    # The creator of a project is its lead: an active membership like any other.
    join(lead, project("買い物支援の実験"), END + timedelta(days=5), role=MemberRole.LEAD)
    figure = conversion_of(event)
    assert (figure.participants, figure.converted) == (3, 2)


def test_joining_before_the_event_does_not_count(event):
    person = UserFactory()
    attend(event, person)
    join(person, project(), START - ONE_SECOND)
    assert conversion_of(event).converted == 0


def test_an_invitation_or_request_not_yet_accepted_does_not_count(event):
    invited, asked = UserFactory(), UserFactory()
    for person in (invited, asked):
        attend(event, person)
    open_project = project()
    Membership.objects.create(project=open_project, user=invited, status=MemberStatus.INVITED)
    Membership.objects.create(project=open_project, user=asked, status=MemberStatus.REQUESTED)
    assert conversion_of(event).converted == 0
    # Accepting the invitation in the window makes it count.
    Membership.objects.filter(user=invited).update(
        status=MemberStatus.ACTIVE, joined_at=END + timedelta(days=1)
    )
    assert conversion_of(event).converted == 1


def test_filling_a_need_counts_in_the_window_only(event):
    helper, late, other = UserFactory(), UserFactory(), UserFactory()
    for person in (helper, late, other):
        attend(event, person)
    needing = project()
    fill_need(helper, needing, END + timedelta(days=30))
    fill_need(late, needing, LAST_MOMENT + ONE_SECOND)
    # A need in talks with someone is not filled by them yet.
    Need.objects.create(
        project=needing, kind=NeedKind.PEOPLE, title="当日の受付", status=NeedStatus.IN_TALKS
    )
    figure = conversion_of(event)
    assert (figure.participants, figure.converted) == (3, 1)


def test_a_person_who_acts_several_ways_counts_once(event):
    person = UserFactory()
    attend(event, person)
    joined = project()
    join(person, joined, END)
    fill_need(person, joined, END)
    assert (conversion_of(event).participants, conversion_of(event).converted) == (1, 1)


def test_the_fiscal_year_figure_counts_projects_too(creator):
    person, other = UserFactory(), UserFactory()
    first = make_event(created_by=creator, starts_at=tokyo(2021, 5, 1, 19, 0))
    second = make_event(created_by=creator, starts_at=tokyo(2021, 9, 1, 19, 0))
    for happened in (first, second):
        attend(happened, person)
    attend(first, other)
    join(person, project(), first.ends_at + timedelta(days=1))  # before "second" started
    fill_need(other, project("別のプロジェクト"), first.ends_at + timedelta(days=2))
    figure = conversion_by_fiscal_year(2021)
    # のべ: person at first and second, other at first = 3; both converted at "first" only.
    assert (figure.events, figure.participants, figure.converted) == (2, 3, 2)


def test_the_figures_keep_their_query_counts_with_projects_registered(creator, event):
    for person in UserFactory.create_batch(3):
        attend(event, person)
        join(person, project(), END)
    # 1 participants and conversions, every act an EXISTS in the same statement
    with assert_num_queries(1):
        assert conversion_of(event).converted == 3
    # 1 participants and conversions  2 how many events
    with assert_num_queries(2):
        assert conversion_by_fiscal_year(2021).converted == 3


def test_the_explanation_lists_the_projects_ways(client, creator, event):
    write_minutes(event, issues=(IssueFactory(),), published=True)
    client.force_login(creator)
    page = client.get(reverse("events:followup", args=[event.pk])).content.decode()
    assert "プロジェクトに参加する" in page
    assert "プロジェクトの困りごとに応える" in page


# --- The follow-up page: what grew out of the event -------------------------------------------


def test_the_followup_page_lists_the_projects_that_grew_out_of_the_event(
    client, creator, event, suzuki
):
    attend(event, suzuki)
    write_minutes(event, issues=(IssueFactory(),), published=True)
    grown = project("子ども食堂の立ち上げ", event=event, stage=Stage.PREPARING)
    project("非表示にされたプロジェクト", event=event, hidden_at=timezone.now())
    project("ほかの会から生まれたプロジェクト", event=make_event(created_by=creator))
    project("ゼロから始めたプロジェクト")
    for viewer in (creator, suzuki):
        client.force_login(viewer)
        response = client.get(reverse("events:followup", args=[event.pk]))
        assert [o.title for o in response.context["outgrowths"]] == [grown.title]
        page = response.content.decode()
        assert "この会から生まれたプロジェクト" in page
        assert "子ども食堂の立ち上げ" in page and "準備" in page
        assert "非表示にされたプロジェクト" not in page
        assert "ほかの会から生まれたプロジェクト" not in page
        assert "ゼロから始めたプロジェクト" not in page


def test_the_followup_page_says_when_no_project_grew_out_of_it(client, creator, event):
    client.force_login(creator)
    response = client.get(reverse("events:followup", args=[event.pk]))
    assert response.context["outgrowths"] == []
    assert "この会から生まれたプロジェクトはまだありません。" in response.content.decode()


@pytest.mark.parametrize("project_count", [1, 4])
def test_the_followup_page_for_the_organizer_has_a_fixed_number_of_queries(
    client, creator, event, suzuki, project_count
):
    attend(event, suzuki)
    write_minutes(event, issues=IssueFactory.create_batch(2), published=True)
    for n in range(project_count):
        grown = project(f"プロジェクト{n}", event=event)
        join(suzuki, grown, END + timedelta(days=n))
    client.force_login(creator)
    # 1 session  2 user  3 the person's roles  4 the event with its minutes
    # 5 the viewer's registration (events.view_followup asks whether they attended)
    # 6 the surfaced issues  7 the projects that grew out of the event
    # 8 the conversion figure (the projects' acts included, one EXISTS each)
    with assert_num_queries(8):
        response = client.get(reverse("events:followup", args=[event.pk]))
    assert response.status_code == 200
    assert len(response.context["outgrowths"]) == project_count
    assert response.context["conversion"].converted == 1
