"""Who may keep the local synonyms: role × action (list, add, edit, delete)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.audit.models import AuditEvent
from kyoso.search.models import LocalSynonymGroup, LocalSynonymWord
from kyoso.search.synonyms_services import local_synonym_group_create

pytestmark = pytest.mark.django_db

PERSONAS = ["sato", "suzuki", "takahashi", "superuser", "anonymous"]
ALLOWED = {"sato", "superuser"}
SANROKU = ["サンロク", "産業振興センター"]


@pytest.fixture
def group(sato):
    return local_synonym_group_create(actor=sato, words=SANROKU)


def _assert_denied(response, persona: str, url: str) -> None:
    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    else:
        assert response.status_code == 403


def _words(group: LocalSynonymGroup) -> list[str]:
    return list(
        LocalSynonymWord.objects.filter(group=group)
        .order_by("position")
        .values_list("word", flat=True)
    )


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page", ["list", "add", "edit", "delete"])
def test_open_the_pages(client, login_as, group, persona, page):
    login_as(persona)
    url = {
        "list": reverse("search:synonyms"),
        "add": reverse("search:synonym_add"),
        "edit": reverse("search:synonym_edit", args=[group.pk]),
        "delete": reverse("search:synonym_delete", args=[group.pk]),
    }[page]
    response = client.get(url)
    if persona in ALLOWED:
        assert response.status_code == 200
    else:
        _assert_denied(response, persona, url)


@pytest.mark.parametrize("persona", PERSONAS)
def test_add(client, login_as, sato, persona):
    login_as(persona)
    url = reverse("search:synonym_add")
    response = client.post(url, {"words": "サンロク\n山麓", "note": ""})
    added = LocalSynonymGroup.objects.exists()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert added
    else:
        _assert_denied(response, persona, url)
        assert not added
        assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_edit(client, login_as, group, persona):
    login_as(persona)
    url = reverse("search:synonym_edit", args=[group.pk])
    response = client.post(url, {"words": "サンロク\n山麓", "note": ""})
    if persona in ALLOWED:
        assert response.status_code == 302
        assert _words(group) == ["サンロク", "山麓"]
    else:
        _assert_denied(response, persona, url)
        assert _words(group) == SANROKU
        assert not AuditEvent.objects.filter(
            action=AuditEvent.Action.LOCAL_SYNONYMS_CHANGED
        ).exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_delete(client, login_as, group, persona):
    login_as(persona)
    url = reverse("search:synonym_delete", args=[group.pk])
    response = client.post(url)
    exists = LocalSynonymGroup.objects.filter(pk=group.pk).exists()
    if persona in ALLOWED:
        assert response.status_code == 302
        assert not exists
    else:
        _assert_denied(response, persona, url)
        assert exists
