"""Every page of the project core answers, for each kind of visitor."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("persona", ["anonymous", "takahashi", "lead", "sato"])
def test_pages_answer(client, login_as, project, persona):
    login_as(persona)
    for name in ("list", "map"):
        assert client.get(reverse(f"projects:{name}")).status_code == 200
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
    assert client.get(reverse("projects:members", args=[project.pk])).status_code == 200
