"""Trials, hearings and resources: members record them on the pages; edits and deletes;
the period of a trial never ends before it starts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.orgs.tests.factories import OrganizationFactory
from kyoso.projects import messages_work as messages
from kyoso.projects.models import Hearing, Resource, Trial
from kyoso.projects.services import records
from kyoso.projects.services.work import WorkError
from kyoso.projects.tests.factories_work import (
    HearingFactory,
    TrialFactory,
    follow,
    join,
    project_with_lead,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(suzuki):
    return project_with_lead(suzuki)


def test_a_member_records_a_trial(client, suzuki, project):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:trials", args=[project.pk]),
        {
            "title": "週末カフェ",
            "hypothesis": "土曜の午前なら子育て世帯が来る",
            "starts_on": "2026-04-01",
            "ends_on": "2026-04-30",
            "measured": "来場者数",
            "result": "延べ48人",
            "learned": "告知は回覧板が効いた",
        },
    )
    trial = Trial.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#trial-{trial.pk}")
    assert trial.created_by == suzuki
    page = client.get(reverse("projects:trials", args=[project.pk])).content.decode()
    assert "告知は回覧板が効いた" in page


def test_a_trial_ending_before_it_starts_is_refused(client, suzuki, project):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:trials", args=[project.pk]),
        {"title": "t", "hypothesis": "h", "starts_on": "2026-05-01", "ends_on": "2026-04-01"},
    )
    assert response.status_code == 400
    assert str(messages.TRIAL_PERIOD_BACKWARDS) in response.content.decode()
    assert not Trial.objects.exists()
    from datetime import date

    with pytest.raises(WorkError) as refused:
        records.trial_create(
            actor=suzuki,
            project=project,
            data={
                "title": "t",
                "hypothesis": "h",
                "starts_on": date(2026, 5, 1),
                "ends_on": date(2026, 4, 1),
            },
        )
    assert refused.value.message == messages.TRIAL_PERIOD_BACKWARDS


def test_hearings_name_a_person_an_organization_or_a_text(client, suzuki, takahashi, project):
    follow(project, takahashi)
    org = OrganizationFactory(name="酒田市社会福祉協議会", slug="sakata-shakyo")
    client.force_login(suzuki)
    url = reverse("projects:hearings", args=[project.pk])
    base = {"held_on": "2026-04-02", "learned": "送迎が課題"}
    assert client.post(url, {**base, "heard_user": str(takahashi.pk)}).status_code == 302
    assert client.post(url, {**base, "heard_organization": "sakata-shakyo"}).status_code == 302
    assert client.post(url, {**base, "heard_text": "山田地区の住民"}).status_code == 302
    heard = list(
        Hearing.objects.order_by("id").values_list("heard_user", "heard_organization", "heard_text")
    )
    assert heard == [(takahashi.pk, None, ""), (None, org.pk, ""), (None, None, "山田地区の住民")]
    response = client.post(url, base)
    assert response.status_code == 400
    assert str(messages.HEARING_WHO_REQUIRED) in response.content.decode()
    response = client.post(url, {**base, "heard_organization": "no-such-org"})
    assert str(messages.ORGANIZATION_UNKNOWN) in response.content.decode()
    assert Hearing.objects.count() == 3


def test_a_stranger_cannot_be_named_as_heard(client, suzuki, sato, project):
    client.force_login(suzuki)
    response = client.post(
        reverse("projects:hearings", args=[project.pk]),
        {"held_on": "2026-04-02", "learned": "x", "heard_user": str(sato.pk)},
    )
    assert response.status_code == 400
    assert str(messages.PERSON_NOT_CANDIDATE) in response.content.decode()


def test_resources_are_added_edited_and_deleted(client, suzuki, takahashi, project):
    join(project, takahashi)
    client.force_login(takahashi)
    url = reverse("projects:resources", args=[project.pk])
    assert (
        client.post(url, {"kind": "place", "name": "旧公民館", "note": "土日は空き"}).status_code
        == 302
    )
    resource = Resource.objects.get()
    edit = reverse("projects:resource_edit", args=[project.pk, resource.pk])
    assert client.get(edit).status_code == 200
    assert client.post(edit, {"kind": "place", "name": "旧山田公民館"}).status_code == 302
    assert Resource.objects.get().name == "旧山田公民館"
    client.post(reverse("projects:resource_delete", args=[project.pk, resource.pk]))
    assert not Resource.objects.exists()


def test_editing_a_hearing_keeps_the_form_filled(client, suzuki, project):
    hearing = HearingFactory(project=project)
    client.force_login(suzuki)
    page = client.get(reverse("projects:hearing_edit", args=[project.pk, hearing.pk]))
    assert page.status_code == 200
    assert "山田地区の住民" in page.content.decode()


def test_a_record_of_another_project_is_not_found(client, suzuki, takahashi, project):
    other = project_with_lead(takahashi)
    trial = TrialFactory(project=other)
    client.force_login(suzuki)
    url = reverse("projects:trial_edit", args=[project.pk, trial.pk])
    assert client.get(url).status_code == 404
