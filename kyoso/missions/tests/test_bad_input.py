"""Odd addresses and bodies never make a 500: ids beyond 64 bits, unknown owners, a forged
status, a JSON body of the wrong shape."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kyoso.api.tests.factories import bearer, error_of, issue_token, send
from kyoso.missions.models import Mission
from kyoso.missions.tests.factories import apply

pytestmark = pytest.mark.django_db
HUGE = 10**30


def test_pages_with_ids_beyond_64_bits_are_404(client, lead):
    client.force_login(lead)
    for url in (
        f"/missions/{HUGE}/",
        f"/missions/{HUGE}/apply/",
        f"/missions/applications/{HUGE}/",
        f"/missions/new/?project={HUGE}",
        "/missions/new/?organization=" + "x" * 500,
    ):
        assert client.get(url).status_code == 404, url


def test_api_with_ids_beyond_64_bits(client, lead):
    write = bearer(issue_token(lead, ["write"]))
    assert send(client, "get", f"/missions/{HUGE}").status_code in (404, 422)
    response = send(
        client, "post", "/missions", {"project": HUGE, "kind": "x", "title": "x"}, **write
    )
    assert response.status_code == 422
    assert error_of(response)["code"] in ("owner_missing", "validation_error")


def test_a_forged_status_and_a_wrong_shape(client, mission, lead, suzuki):
    application = apply(mission, suzuki)
    client.force_login(lead)
    forged = client.post(
        reverse("missions:application_move", args=[application.pk]), {"to_status": "hired"}
    )
    assert forged.status_code == 400
    write = bearer(issue_token(lead, ["write"]))
    wrong = send(client, "patch", f"/missions/{mission.pk}", {"places": "many"}, **write)
    bad_status = send(client, "patch", f"/missions/{mission.pk}", {"status": "paused"}, **write)
    not_json = send(client, "patch", f"/missions/{mission.pk}", "{", **write)
    assert wrong.status_code == 422 and bad_status.status_code == 422
    assert not_json.status_code in (400, 422)
    assert Mission.objects.get(pk=mission.pk).places == 1


def test_zero_places_on_the_api_is_a_422(client, mission, lead):
    write = bearer(issue_token(lead, ["write"]))
    response = send(client, "patch", f"/missions/{mission.pk}", {"places": 0}, **write)
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "places"
