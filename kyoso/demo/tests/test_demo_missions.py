"""The demo's missions: seed 003's internship, a side job and a relocation, published and
complete (score 100), hosted by a host of their organization, listed, searchable, loaded once."""

from kyoso.demo.data.missions import MISSIONS
from kyoso.missions.models import Mission
from kyoso.missions.rules import is_host_of
from kyoso.missions.selectors import listed_missions
from kyoso.missions.services.missions import completeness_of
from kyoso.search.services import search


class TestDemoMissions:
    """Read the demo loaded once for the class (each test in a savepoint inside)."""

    def test_the_missions_are_published_complete_and_hosted(self, loaded_demo, db):
        missions = list(
            Mission.objects.filter(organization__isnull=False).select_related(
                "organization", "host"
            )
        )
        assert {m.title for m in missions} == {entry["title"] for entry in MISSIONS}
        assert {m.kind for m in missions} == {"internship", "side_job", "relocation"}
        for mission in missions:
            assert completeness_of(mission).score == 100, mission.title
            assert is_host_of(mission.host, mission), mission.title
        assert set(missions) <= set(listed_missions())
        hits = search("インターン", viewer=None, types=["missions"]).items
        assert {hit.title for hit in hits} == {
            "酒田の中小企業のネット販売を立ち上げる大学生インターン",
            "夏の2週間、枝豆の販路開拓に挑む大学生インターン",  # a project's (projects.py)
        }

    def test_every_described_mission_is_there_once(self, loaded_demo, db):
        # A second load changing nothing is test_load_demo_idempotent's (every table).
        assert Mission.objects.filter(organization__isnull=False).count() == len(MISSIONS)
        assert loaded_demo.result.created["missions"] == len(MISSIONS)
