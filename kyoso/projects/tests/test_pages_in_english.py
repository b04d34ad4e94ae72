"""Project pages in English: the messages and labels come from the English catalog once it has
them; here the pages answer in English mode and keep the person's words as written."""

from __future__ import annotations

from django.urls import reverse

from kyoso.projects.tests.factories import project_led_by


def test_pages_answer_in_english(english, suzuki, project):
    english.force_login(suzuki)
    for url in (
        reverse("projects:list"),
        reverse("projects:map"),
        reverse("projects:create"),
        reverse("projects:detail", args=[project.pk]),
        reverse("projects:members", args=[project.pk]),
    ):
        response = english.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en"' in response.content.decode(), url
    assert (
        "空き家で子ども食堂"
        in english.get(reverse("projects:detail", args=[project.pk])).content.decode()
    )


def test_refusals_in_english_mode_are_pages_not_errors(english, suzuki):
    english.force_login(suzuki)
    response = english.post(reverse("projects:create"), {"title": "", "goal": ""})
    assert response.status_code == 400


def test_the_api_answers_in_english(client, db, suzuki):
    project_led_by(suzuki)
    response = client.get("/api/v1/projects?stage=flying", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["error"]["message"].isascii()
