"""Running the loader again changes nothing; it repairs drift; it refuses broken CSVs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kyoso.regions.loader import DATA_DIR, RegionDataError, load_regions
from kyoso.regions.models import Municipality, Prefecture

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[list[tuple], list[tuple]]:
    return (
        list(Prefecture.objects.order_by("code").values_list()),
        list(Municipality.objects.order_by("code").values_list()),
    )


def test_loading_again_changes_nothing():
    before = snapshot()
    first = load_regions(Prefecture, Municipality)
    second = load_regions(Prefecture, Municipality)
    assert snapshot() == before
    for result in (first, second):
        assert result.changed == 0
        assert result.prefectures.unchanged == 47
        assert result.municipalities.unchanged == 75


def test_loading_into_empty_tables_then_again(django_assert_max_num_queries):
    Municipality.objects.filter(kind=Municipality.Kind.WARD).delete()
    Municipality.objects.all().delete()
    Prefecture.objects.all().delete()

    first = load_regions(Prefecture, Municipality)
    assert (first.prefectures.created, first.municipalities.created) == (47, 75)
    after_first = snapshot()

    # The second run reads both tables and writes nothing.
    with django_assert_max_num_queries(4):
        second = load_regions(Prefecture, Municipality)
    assert second.changed == 0
    assert snapshot() == after_first


def test_drift_is_repaired_and_counted():
    Municipality.objects.filter(code="06204").update(name_en="Sakata City", name_kana="さかた")
    Prefecture.objects.filter(code="04").update(name_en="Miyagi Prefecture")
    Municipality.objects.filter(code="04105").delete()

    result = load_regions(Prefecture, Municipality)

    assert (result.prefectures.updated, result.prefectures.created) == (1, 0)
    assert (result.municipalities.updated, result.municipalities.created) == (1, 1)
    sakata = Municipality.objects.get(code="06204")
    assert (sakata.name_en, sakata.name_kana) == ("Sakata", "さかたし")
    assert Prefecture.objects.get(code="04").name_en == "Miyagi"
    assert Municipality.objects.get(code="04105").parent_id == "04100"


def test_rows_missing_from_the_csv_are_kept(tmp_path):
    # Other tables point at municipalities with PROTECT; the loader never deletes.
    data = copy_data(tmp_path)
    lines = (data / "municipalities.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "municipalities.csv").write_text(
        "".join(line for line in lines if not line.startswith("06461,")), encoding="utf-8"
    )
    result = load_regions(Prefecture, Municipality, data_dir=data)
    assert result.changed == 0
    assert Municipality.objects.filter(code="06461").exists()


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("0410,04,,city,石巻市,いしのまきし,Ishinomaki", "five-digit"),
        ("04202,04,,city,石巻市,いしのまきし,Ishinomaki", "duplicate"),
        ("04999,06,,city,架空市,かくうし,Kaku", "prefecture"),
        ("04999,04,,metropolis,架空市,かくうし,Kaku", "kind"),
        ("04999,04,,city,架空市,,Kaku", "empty name_kana"),
        ("04999,04,04100,city,架空市,かくうし,Kaku", "parent_code"),
        ("04106,04,,ward,架空区,かくうく,Kaku-ku", "parent_code"),
        ("04106,04,04202,ward,架空区,かくうく,Kaku-ku", "not a designated city"),
        ("04999,04,,town,架空市,かくうし,Kaku", "does not look like"),
        ("04999,04,,city,架空市,かくうし", "columns"),
    ],
)
def test_broken_rows_are_refused_and_nothing_is_written(tmp_path, row, message):
    data = copy_data(tmp_path)
    with (data / "municipalities.csv").open("a", encoding="utf-8") as handle:
        handle.write(row + "\n")
    Municipality.objects.filter(code="06204").update(name_en="changed")
    with pytest.raises(RegionDataError, match=message):
        load_regions(Prefecture, Municipality, data_dir=data)
    assert Municipality.objects.get(code="06204").name_en == "changed"
    assert not Municipality.objects.filter(code__in=["04999", "04106"]).exists()


def test_wrong_header_is_refused(tmp_path):
    data = copy_data(tmp_path)
    path = data / "prefectures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("name_en", "english"), "utf-8")
    with pytest.raises(RegionDataError, match="header"):
        load_regions(Prefecture, Municipality, data_dir=data)


def test_new_rows_in_the_csv_are_added(tmp_path):
    data = copy_data(tmp_path)
    with (data / "municipalities.csv").open("a", encoding="utf-8") as handle:
        handle.write("07201,07,,city,福島市,ふくしまし,Fukushima\n")
    result = load_regions(Prefecture, Municipality, data_dir=data)
    assert (result.municipalities.created, result.municipalities.unchanged) == (1, 75)
    assert str(Municipality.objects.get(code="07201")) == "福島県福島市"
    assert load_regions(Prefecture, Municipality, data_dir=data).changed == 0
