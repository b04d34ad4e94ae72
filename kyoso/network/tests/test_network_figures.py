"""The collaboration network's figures from registered tie sources, public aggregates that
never show a group smaller than five, the secretariat-only picture, and the command."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from kyoso.network import figures as fig
from kyoso.network.selectors import network_figures, public_network_figures
from kyoso.network.ties import Tie, pairs_from_groups, register_tie_source, unregister_tie_source

FY21 = (date(2021, 4, 1), date(2022, 3, 31))
FY22 = (date(2022, 4, 1), date(2023, 3, 31))


def test_pairs_from_groups_date_ties_by_the_later_join():
    rows = [(1, 10, date(2021, 5, 1)), (1, 11, date(2021, 6, 1)), (1, 12, date(2023, 1, 1))]
    assert sorted(pairs_from_groups(rows, *FY21)) == [(10, 11, date(2021, 6, 1))]


def test_compute_counts_components_density_new_ties_and_bridges():
    ties = [
        Tie(1, 2, date(2020, 5, 1), "event"),  # before: not new in FY2021
        Tie(1, 2, date(2021, 5, 1), "event"),
        Tie(2, 3, date(2021, 6, 1), "project"),
        Tie(4, 5, date(2021, 7, 1), "community"),
    ]
    figures, _graph = fig.compute(*FY21, ties, {1: "npo", 2: "company", 3: "company"})
    assert (figures.people, figures.ties, figures.components) == (5, 3, 2)
    assert figures.new_ties_by_fiscal_year == {2021: 2}
    assert figures.cross_sector_ties == 1
    assert figures.bridges[0][0] == 2
    assert figures.density == pytest.approx(3 / 10)


@pytest.fixture
def fake_ties():
    rows = [(a, a + 1, date(2022, 6, 1)) for a in range(1, 8)] + [(1, 2, date(2021, 6, 1))]
    register_tie_source("test", lambda start, end: rows)
    yield
    unregister_tie_source("test")


@pytest.mark.django_db
def test_public_figures_hide_small_groups(fake_ties):
    before = public_network_figures(*FY21)
    assert before == {"start": "2021-04-01", "end": "2022-03-31", "suppressed": True}
    after = public_network_figures(*FY22)
    assert after["people"] == 8
    assert "bridges" not in after
    assert all(v is None or v >= 5 for v in after["by_kind"].values())
    assert network_figures(*FY22)["bridges"]


@pytest.mark.django_db
def test_only_the_secretariat_sees_the_picture(client, sato, suzuki, fake_ties):
    url = reverse("network:picture")
    client.force_login(suzuki)
    assert client.get(url).status_code == 403
    client.force_login(sato)
    page = client.get(url)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    assert "suzuki@example.jp" not in page.content.decode()


@pytest.mark.django_db
def test_the_command_prints_the_figures(capsys, fake_ties):
    call_command("network_figures", "--from", "2022-04-01", "--to", "2023-03-31")
    printed = json.loads(capsys.readouterr().out)
    assert printed["people"] == 8 and printed["ties"] == 7
