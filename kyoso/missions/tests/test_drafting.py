"""Drafting, editing, publishing and closing a mission on the pages; bad input refused with
its message and nothing half-written."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.missions import audit, messages
from kyoso.missions.models import Mission, MissionSkill, MissionStatus
from kyoso.missions.services import missions as services
from kyoso.missions.services.common import MissionError
from kyoso.missions.tests.factories import MissionFactory, apply, in_days

pytestmark = pytest.mark.django_db


def form_data(mission=None, **changes):
    data = {
        "kind": "side_job",
        "title": "庄内の販路をひらく",
        "tasks": "飲食店への聞き取り",
        "deliverables": "販路候補の一覧",
        "starts_on": "2030-04-01",
        "ends_on": "2030-06-30",
        "hours_per_week": "5",
        "work_style": "remote",
        "reward_kind": "paid",
        "reward_yen": "30000",
        "required_skills": ["marketing"],
        "welcome_skills": ["design"],
        "places": "2",
        "deadline": "2030-03-01",
        "contact": "info@example.jp",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_lead_drafts_from_the_project_page(client, project, lead):
    client.force_login(lead)
    page = client.get(reverse("missions:create") + f"?project={project.pk}")
    assert page.status_code == 200

    client.post(reverse("missions:create") + f"?project={project.pk}", form_data(host=lead.pk))

    mission = Mission.objects.get()
    assert (mission.project, mission.organization, mission.status) == (project, None, "draft")
    assert mission.host == lead and mission.reward_yen == 30000
    assert set(MissionSkill.objects.values_list("skill", "required")) == {
        ("marketing", True),
        ("design", False),
    }
    assert AuditEvent.objects.filter(action=audit.CREATED).count() == 1


def test_an_org_admin_drafts_for_the_organization(client, organization, org_admin):
    client.force_login(org_admin)
    response = client.post(
        reverse("missions:create") + "?organization=sanroku", form_data(kind="internship")
    )
    assert response.status_code == 302
    assert Mission.objects.get().organization == organization


def test_no_owner_is_a_404(client, lead):
    client.force_login(lead)
    assert client.get(reverse("missions:create")).status_code == 404
    assert client.get(reverse("missions:create") + "?project=abc").status_code == 404
    assert client.get(reverse("missions:create") + "?project=99999").status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", messages.TITLE_REQUIRED),
        ({"kind": ""}, "kind", messages.KIND_REQUIRED),
        ({"kind": "astronaut"}, "kind", messages.CHOICE_INVALID),
        ({"ends_on": "2030-03-01"}, "ends_on", messages.PERIOD_BACKWARDS),
        ({"reward_yen": ""}, "reward_yen", messages.REWARD_YEN_REQUIRED),
        ({"reward_kind": "unpaid"}, "reward_yen", messages.REWARD_YEN_UNPAID),
        ({"welcome_skills": ["marketing"]}, "welcome_skills", None),
        ({"starts_on": "令和12年"}, "starts_on", messages.DATE_INVALID),
        ({"hours_per_week": "９９９"}, "hours_per_week", None),
        ({"latitude": "38.9"}, "longitude", messages.POINT_INCOMPLETE),
        ({"tasks": "あ" * 100_000}, "tasks", None),
    ],
)
def test_bad_input_is_refused_with_its_message(client, project, lead, changes, field, message):
    client.force_login(lead)
    response = client.post(
        reverse("missions:create") + f"?project={project.pk}", form_data(**changes)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message is not None:
        assert str(message) in errors
    assert str(messages.FORM_HAS_ERRORS) in response.context["form"].non_field_errors()
    assert not Mission.objects.exists()


def test_a_host_must_be_one_of_the_hosts(client, project, lead, suzuki):
    client.force_login(lead)
    response = client.post(
        reverse("missions:create") + f"?project={project.pk}", form_data(host=suzuki.pk)
    )
    assert response.status_code == 400
    assert "host" in response.context["form"].errors
    with pytest.raises(MissionError) as refused:
        services.mission_create(actor=lead, owner=project, data={**_data(), "host": suzuki})
    assert refused.value.message == messages.HOST_NOT_A_HOST


def _data(**changes):
    data = {f: None for f in services.EDITABLE_FIELDS}
    data.update(
        kind="side_job",
        title="t",
        background="",
        tasks="",
        deliverables="",
        work_style="remote",
        reward_kind="",
        contact="",
        places=1,
        required_skills=[],
        welcome_skills=[],
    )
    data.update(changes)
    return data


def test_publishing_below_the_threshold_is_refused_listing_what_is_missing(client, project, lead):
    draft = MissionFactory(project=project, tasks="", starts_on=None, ends_on=None)
    client.force_login(lead)

    response = client.post(reverse("missions:publish", args=[draft.pk]), follow=True)

    text = response.content.decode()
    assert "まだ公開できません（充実度 50点、公開には85点以上が必要です）" in text
    assert str(messages.MISSING_TASKS) in text and str(messages.MISSING_PERIOD) in text
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == ("draft", None)


def test_publishing_a_complete_draft(client, draft, lead):
    stale = Mission.objects.get(pk=draft.pk)  # another tab, loaded before the click
    client.force_login(lead)
    client.post(reverse("missions:publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == MissionStatus.PUBLISHED and draft.published_at is not None
    with pytest.raises(MissionError) as second:  # the second click changes nothing
        services.mission_publish(actor=lead, mission=stale)
    assert second.value.message == messages.NOT_A_DRAFT


def test_publishing_past_the_deadline_is_refused(draft, lead):
    Mission.objects.filter(pk=draft.pk).update(deadline=in_days(-1))
    draft.refresh_from_db()
    with pytest.raises(MissionError) as refused:
        services.mission_publish(actor=lead, mission=draft)
    assert refused.value.code == "deadline_passed"


def test_editing_a_published_mission_cannot_empty_it(client, mission, lead):
    client.force_login(lead)
    response = client.post(
        reverse("missions:edit", args=[mission.pk]), form_data(tasks="", deliverables="")
    )
    assert response.status_code == 400
    assert "まだ公開できません" in str(response.context["form"].non_field_errors())
    mission.refresh_from_db()
    assert mission.tasks


def test_places_cannot_go_below_the_accepted(client, mission, lead, suzuki):
    Mission.objects.filter(pk=mission.pk).update(places=3, accepted_count=2)
    client.force_login(lead)
    response = client.post(reverse("missions:edit", args=[mission.pk]), form_data(places="1"))
    assert response.status_code == 400
    assert str(messages.PLACES_BELOW_ACCEPTED % {"count": 2}) in str(
        response.context["form"].non_field_errors()
    )


def test_closing_stops_applications(client, mission, lead):
    client.force_login(lead)
    client.post(reverse("missions:close", args=[mission.pk]))
    mission.refresh_from_db()
    assert (mission.status, mission.closed_reason) == ("closed", "host")
    assert client.get(reverse("missions:edit", args=[mission.pk])).status_code == 403


def test_questions_at_most_five_and_locked_once_someone_applied(client, mission, lead, suzuki):
    client.force_login(lead)
    client.post(
        reverse("missions:questions", args=[mission.pk]),
        {"q1": "経験は？", "q2": "", "q3": "いつから？"},
    )
    assert list(mission.questions.values_list("position", "text")) == [
        (1, "経験は？"),
        (2, "いつから？"),
    ]
    with pytest.raises(MissionError) as too_many:
        services.questions_set(actor=lead, mission=mission, texts=["q"] * 6)
    assert too_many.value.message == messages.QUESTIONS_TOO_MANY % {"max": 5}

    apply(mission, suzuki)
    response = client.post(reverse("missions:questions", args=[mission.pk]), {"q1": "別の質問"})
    assert response.status_code == 400
    assert str(messages.QUESTIONS_LOCKED) in str(response.context["form"].non_field_errors())
    assert mission.questions.count() == 2
