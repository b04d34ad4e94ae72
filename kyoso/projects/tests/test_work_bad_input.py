"""Bad input on the work pages: each refused with a clear message (Japanese, and English for
an English visitor), nothing half-written; and the open-need count as an invariant under any
sequence of status changes (hypothesis)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kyoso.accounts.tests.factories import UserFactory
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Comment, Need, NeedSkill, NeedStatus, Project, Trial
from kyoso.projects.services import needs
from kyoso.projects.services.work import WorkError
from kyoso.projects.tests.factories_work import project_with_lead

pytestmark = pytest.mark.django_db

HUGE = "あ" * 100_000


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki)


@pytest.fixture
def lead_client(client, suzuki):
    client.force_login(suzuki)
    return client


def _needs(project):
    return reverse("projects:needs", args=[project.pk])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "会場"}, messages.NEED_KIND_REQUIRED),
        ({"kind": "skills"}, messages.NEED_TITLE_REQUIRED),
        ({"kind": "spaceship", "title": "x"}, messages.NEED_KIND_UNKNOWN),
        (
            {"kind": "skills", "title": "x", "skills": ["design", "juggling"]},
            messages.SKILL_UNKNOWN % {"skills": "juggling"},
        ),
        ({"kind": "skills", "title": "x", "hours_per_month": "9999"}, messages.HOURS_INVALID),
        ({"kind": "skills", "title": "x", "work_style": "moon"}, messages.WORK_STYLE_UNKNOWN),
        ({"kind": "skills", "title": "x", "until": "来月"}, messages.NOT_A_DATE),
    ],
)
def test_bad_needs_are_refused_with_a_message(lead_client, project, data, message):
    response = lead_client.post(_needs(project), data)
    assert response.status_code == 400
    assert str(message) in response.content.decode()
    assert not Need.objects.exists() and not NeedSkill.objects.exists()
    assert Project.objects.get(pk=project.pk).open_need_count == 0


@pytest.mark.parametrize(
    ("name", "data", "field"),
    [
        ("needs", {"kind": "skills", "title": "x", "description": HUGE}, "description"),
        ("trials", {"title": "t", "hypothesis": HUGE}, "hypothesis"),
        ("hearings", {"heard_text": "住民", "held_on": "2026-04-01", "learned": HUGE}, "learned"),
        ("resources", {"kind": "place", "name": "x", "note": HUGE}, "note"),
        ("updates", {"body": HUGE}, "body"),
        ("comments", {"body": HUGE}, "body"),
    ],
)
def test_a_hundred_thousand_characters_are_refused(lead_client, project, name, data, field):
    response = lead_client.post(reverse(f"projects:{name}", args=[project.pk]), data)
    assert response.status_code == 400
    assert "100000" in response.content.decode()  # "…（いま100000文字です）"
    assert not Need.objects.exists() and not Trial.objects.exists()
    assert not Comment.objects.exists()


def test_the_service_refuses_what_the_form_would(suzuki, project):
    with pytest.raises(WorkError) as refused:
        needs.need_create(actor=suzuki, project=project, data={"kind": "skills", "title": " "})
    assert refused.value.message == messages.NEED_TITLE_REQUIRED
    with pytest.raises(WorkError) as refused:
        needs.need_create(
            actor=suzuki, project=project, data={"kind": "skills", "title": "x", "skills": ["?"]}
        )
    assert refused.value.message == messages.SKILL_UNKNOWN % {"skills": "?"}
    assert not Need.objects.exists()


def test_an_english_visitor_reads_the_refusal_in_english(english, suzuki, project):
    english.force_login(suzuki)
    response = english.post(_needs(project), {"kind": "skills"})
    assert response.status_code == 400
    assert response["Content-Language"] == "en"


def test_a_status_post_with_an_unknown_status_changes_nothing(lead_client, suzuki, project):
    need = needs.need_create(actor=suzuki, project=project, data={"kind": "data", "title": "x"})
    response = lead_client.post(
        reverse("projects:need_status", args=[project.pk, need.pk]), {"status": "done"}, follow=True
    )
    assert str(messages.NEED_STATUS_UNKNOWN) in response.content.decode()
    assert Need.objects.get().status == NeedStatus.OPEN


DB_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

STEPS = st.lists(
    st.tuples(st.sampled_from(["add", "talks", "fill", "reopen", "delete"]), st.integers(0, 4)),
    max_size=15,
)


@DB_SETTINGS
@given(steps=STEPS)
def test_open_need_count_always_equals_open_and_in_talks_needs(steps):
    lead = UserFactory()
    filler = UserFactory()
    project = project_with_lead(lead)
    for action, index in steps:
        rows = list(Need.objects.filter(project=project).order_by("id"))
        try:
            if action == "add" or not rows:
                needs.need_create(
                    actor=lead, project=project, data={"kind": "people", "title": "x"}
                )
                continue
            need = rows[index % len(rows)]
            need.project = project
            if action == "talks":
                needs.need_change_status(actor=lead, need=need, to_status=NeedStatus.IN_TALKS)
            elif action == "fill":
                needs.need_change_status(
                    actor=lead, need=need, to_status=NeedStatus.FILLED, filled_by=filler
                )
            elif action == "reopen":
                needs.need_change_status(
                    actor=lead, need=need, to_status=NeedStatus.OPEN, reason="再募集"
                )
            else:
                needs.need_delete(actor=lead, need=need)
        except WorkError:
            pass  # e.g. "already in that status": refused, nothing changes
        expected = Need.objects.filter(
            project=project, status__in=[NeedStatus.OPEN, NeedStatus.IN_TALKS]
        ).count()
        assert Project.objects.get(pk=project.pk).open_need_count == expected
