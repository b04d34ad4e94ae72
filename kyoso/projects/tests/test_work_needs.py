"""Needs: adding with skills, editing, the status (in talks, filled by whom, back to open with
a reason), the open-need count kept exact, followers told, the public open_needs read."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.notifications.models import Notification
from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.projects import audit
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Need, NeedKind, NeedSkill, NeedStatus, Project
from kyoso.projects.selectors_work import open_needs
from kyoso.projects.services import needs
from kyoso.projects.services.work import WorkError
from kyoso.projects.tests.factories_work import follow, join, project_with_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki, title="空き家の居場所づくり")


def _data(**overrides):
    data = {
        "kind": NeedKind.SKILLS,
        "title": "チラシのデザイン",
        "description": "月1回のイベントのチラシ",
        "skills": ["design", "pr"],
        "hours_per_month": 4,
        "work_style": "remote",
        "until": None,
    }
    data.update(overrides)
    return data


def _count(project):
    return Project.objects.get(pk=project.pk).open_need_count


def test_a_lead_adds_a_need_with_skills_on_the_page(client, suzuki, project):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:needs", args=[project.pk]),
        {
            "kind": "skills",
            "title": "チラシのデザイン",
            "skills": ["design", "pr"],
            "hours_per_month": "4",
            "work_style": "remote",
        },
    )
    need = Need.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#need-{need.pk}")
    assert sorted(NeedSkill.objects.values_list("skill", flat=True)) == ["design", "pr"]
    assert _count(project) == 1
    page = client.get(reverse("projects:needs", args=[project.pk])).content.decode()
    assert "チラシのデザイン" in page
    assert "デザイン" in page and "広報・情報発信" in page


def test_the_status_moves_and_the_count_follows(suzuki, takahashi, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    assert _count(project) == 1
    needs.need_change_status(actor=suzuki, need=need, to_status=NeedStatus.IN_TALKS)
    assert _count(project) == 1  # in talks still counts as open
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    assert _count(project) == 0
    need.refresh_from_db()
    assert need.filled_by == takahashi and need.filled_at is not None
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.OPEN, reason="辞退された"
    )
    need.refresh_from_db()
    assert need.status == NeedStatus.OPEN and need.filled_by is None and need.filled_at is None
    assert _count(project) == 1
    assert AuditEvent.objects.filter(action=audit.NEED_REOPENED, data__reason="辞退された").exists()


def test_filling_notifies_followers_and_is_audited(suzuki, takahashi, sato, project):
    follow(project, takahashi)
    follow(project, suzuki)
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    org = OrganizationFactory(name="庄内NPO", slug="shonai-npo")
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.FILLED, filled_by_organization=org
    )
    notes = Notification.objects.filter(kind="projects.need_filled")
    assert list(notes.values_list("recipient", flat=True)) == [takahashi.pk]
    assert AuditEvent.objects.filter(action=audit.NEED_FILLED).count() == 1


def test_filling_needs_exactly_one_filler(suzuki, takahashi, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    with pytest.raises(WorkError) as refused:
        needs.need_change_status(actor=suzuki, need=need, to_status=NeedStatus.FILLED)
    assert refused.value.message == messages.NEED_FILLED_BY_REQUIRED
    org = OrganizationFactory()
    with pytest.raises(WorkError) as refused:
        needs.need_change_status(
            actor=suzuki,
            need=need,
            to_status=NeedStatus.FILLED,
            filled_by=takahashi,
            filled_by_organization=org,
        )
    assert refused.value.message == messages.NEED_FILLED_BY_BOTH
    assert Need.objects.get().status == NeedStatus.OPEN and _count(project) == 1


def test_reopening_needs_a_reason(suzuki, takahashi, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    with pytest.raises(WorkError) as refused:
        needs.need_change_status(actor=suzuki, need=need, to_status=NeedStatus.OPEN, reason="  ")
    assert refused.value.message == messages.NEED_REOPEN_REASON_REQUIRED
    assert _count(project) == 0


def test_a_stale_status_change_changes_nothing(suzuki, takahashi, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    stale = Need.objects.get(pk=need.pk)
    needs.need_change_status(
        actor=suzuki, need=need, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    stale.project = project
    with pytest.raises(WorkError) as refused:
        needs.need_change_status(
            actor=suzuki, need=stale, to_status=NeedStatus.FILLED, filled_by=takahashi
        )
    assert refused.value.message == messages.NEED_CHANGED_ELSEWHERE
    assert _count(project) == 0


def test_only_leads_fill_and_the_secretariat_reopens(suzuki, takahashi, sato, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    join(project, takahashi)
    for person in (takahashi, sato):
        with pytest.raises(PermissionDenied):
            needs.need_change_status(actor=person, need=need, to_status=NeedStatus.IN_TALKS)
    needs.need_change_status(actor=suzuki, need=need, to_status=NeedStatus.IN_TALKS)
    needs.need_change_status(
        actor=sato, need=need, to_status=NeedStatus.OPEN, reason="相談が止まった"
    )
    assert Need.objects.get().status == NeedStatus.OPEN


def test_deleting_an_open_need_lowers_the_count(suzuki, takahashi, project):
    first = needs.need_create(actor=suzuki, project=project, data=_data())
    second = needs.need_create(actor=suzuki, project=project, data=_data(title="会場"))
    needs.need_change_status(
        actor=suzuki, need=second, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    needs.need_delete(actor=suzuki, need=second)
    assert _count(project) == 1
    needs.need_delete(actor=suzuki, need=first)
    assert _count(project) == 0


def test_editing_replaces_the_skills(suzuki, project):
    need = needs.need_create(actor=suzuki, project=project, data=_data())
    needs.need_update(actor=suzuki, need=need, data={"skills": ["it"], "title": "サイト作り"})
    need.refresh_from_db()
    assert need.title == "サイト作り"
    assert list(NeedSkill.objects.values_list("skill", flat=True)) == ["it"]


def test_open_needs_filters_and_prefetches(suzuki, takahashi, project):
    design = needs.need_create(actor=suzuki, project=project, data=_data())
    money = needs.need_create(
        actor=suzuki, project=project, data=_data(kind=NeedKind.MONEY, title="資金", skills=[])
    )
    filled = needs.need_create(actor=suzuki, project=project, data=_data(title="済"))
    needs.need_change_status(
        actor=suzuki, need=filled, to_status=NeedStatus.FILLED, filled_by=takahashi
    )
    assert {n.pk for n in open_needs()} == {design.pk, money.pk}
    assert [n.pk for n in open_needs(kind=NeedKind.MONEY)] == [money.pk]
    assert [n.pk for n in open_needs(skills=["pr", "legal"])] == [design.pk]
    from kyoso.core.testing import assert_num_queries

    # 1 needs with their project, 2 their skills
    with assert_num_queries(2):
        rows = list(open_needs())
        assert [s.skill for s in rows[-1].skill_list] == ["design", "pr"]
        assert rows[0].project.title == project.title
