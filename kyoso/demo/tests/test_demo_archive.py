"""The demo's archive: a tip against every one of the 14 walls of seed 004, the FY2021
sessions report of seed 000, all published through the workflow and searchable; loaded once."""

from kyoso.archive.models import Item, Kind, Status, Version
from kyoso.archive.selectors import tips_per_wall
from kyoso.demo.data.archive import ITEMS
from kyoso.demo.services import demo_load
from kyoso.issues.vocab import Wall
from kyoso.search.services import search


class TestDemoArchive:
    """One demo load, shared by the class (kyoso/demo/testing.py)."""

    def test_every_wall_has_tips_and_the_reports_are_published(self, loaded_demo, db):
        assert Item.objects.count() == len(ITEMS)
        assert set(Item.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
        assert Version.objects.count() == len(ITEMS)
        counts = tips_per_wall(None)
        assert set(counts) == set(Wall.values)
        assert Item.objects.filter(kind=Kind.TIP).count() >= 14
        report = Item.objects.get(title="令和3年度 セッションの活動報告（仙台）")
        assert "のべ128人" in report.body
        hits = search("前例", viewer=None, types=["archive"]).items
        assert hits and all(hit.type == "archive" for hit in hits)

    def test_loading_twice_adds_no_item(self, loaded_demo, db):
        second = demo_load()
        assert second.created.get("archive", 0) == 0
        assert Item.objects.count() == len(ITEMS)
