"""Missions in the site search (published only, reindexed on write), in the data download
and in account deletion."""

from __future__ import annotations

import io
import json
import zipfile

from django.urls import reverse

from kyoso.accounts.tests.factories import DEFAULT_PASSWORD
from kyoso.missions.models import Application, ApplicationMessage, Mission
from kyoso.missions.services import missions as services
from kyoso.missions.tests.factories import MissionFactory, apply
from kyoso.search import services as search

DELETE = {"password": DEFAULT_PASSWORD, "confirm": "退会する"}


def found(word):
    return [hit.id for hit in search.search(word, viewer=None, types=["missions"]).items]


def test_published_missions_are_found_drafts_are_not(
    project, lead, django_capture_on_commit_callbacks
):
    draft = MissionFactory(project=project, title="庄内の販路開拓", tasks="飲食店への聞き取り")
    search.index_object(draft)
    assert found("販路") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.mission_publish(actor=lead, mission=draft)
    assert found("販路") == [draft.pk]
    assert found("聞き取り") == [draft.pk]

    with django_capture_on_commit_callbacks(execute=True):
        services.mission_close(actor=lead, mission=Mission.objects.get(pk=draft.pk))
    assert found("販路") == []


def test_the_download_holds_applications_messages_and_missions(client, mission, suzuki, lead):
    application = apply(mission, suzuki)
    application.answers.create(question_text="経験は？", position=1, text="3年")
    ApplicationMessage.objects.create(application=application, author=suzuki, body="よろしく")
    client.force_login(suzuki)

    response = client.post(reverse("accounts:data"))
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    part = data["missions"]

    assert part["applications"][0]["mission_title"] == mission.title
    assert part["applications"][0]["answers"] == [{"question": "経験は？", "answer": "3年"}]
    assert [m["body"] for m in part["messages"]] == ["よろしく"]
    assert part["missions_created"] == []


def test_leaving_kyoso_removes_the_applications_and_what_hangs_on_them(
    client, mission, suzuki, lead
):
    application = apply(mission, suzuki)
    ApplicationMessage.objects.create(application=application, author=lead, body="斎藤より")
    theirs = apply(mission, lead.__class__.objects.create_user(email="x@example.jp"))
    ApplicationMessage.objects.create(application=theirs, author=lead, body="ご応募どうも")
    client.force_login(suzuki)

    response = client.post(reverse("accounts:delete"), DELETE)

    assert response.status_code == 302
    assert not Application.objects.filter(applicant=suzuki).exists()
    assert ApplicationMessage.objects.get(application=theirs).body == "ご応募どうも"


def test_erasing_a_host_empties_their_messages_and_unnames_them(mission, lead, suzuki):
    from kyoso.missions import personal_data

    application = apply(mission, suzuki)
    ApplicationMessage.objects.create(application=application, author=lead, body="斎藤より")

    personal_data.erase(lead)

    message = ApplicationMessage.objects.get()
    assert (message.body, message.author) == ("", None)
    mission.refresh_from_db()
    assert (mission.host, mission.created_by) == (None, None)
    assert Application.objects.filter(applicant=suzuki).exists()
