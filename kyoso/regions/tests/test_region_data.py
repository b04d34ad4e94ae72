"""The shipped CSVs, and what the data migration put into the test database, match the facts."""

from __future__ import annotations

import csv
import re
from collections import Counter

import pytest

from kyoso.regions.codes import with_check_digit
from kyoso.regions.loader import DATA_DIR, read_municipalities, read_prefectures
from kyoso.regions.models import Municipality, Prefecture
from kyoso.regions.tests.official_codes import MIYAGI_AND_YAMAGATA, PREFECTURES

HIRAGANA = re.compile(r"[\u3041-\u3096ー]+")

# 宮城県: 14 cities (仙台市 is the designated city, with 5 wards), 20 towns, 1 village (大衡村).
# 山形県: 13 cities, 19 towns, 3 villages.
EXPECTED_KINDS = {
    "04": {"designated_city": 1, "city": 13, "town": 20, "village": 1, "ward": 5},
    "06": {"city": 13, "town": 19, "village": 3},
}
ANCHORS = {
    "04100": "仙台市",
    "04202": "石巻市",
    "04203": "塩竈市",
    "06201": "山形市",
    "06202": "米沢市",
    "06203": "鶴岡市",
    "06204": "酒田市",
}
SENDAI_WARDS = {
    "04101": "青葉区",
    "04102": "宮城野区",
    "04103": "若林区",
    "04104": "太白区",
    "04105": "泉区",
}


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class TestCsvFiles:
    def test_47_prefectures_with_codes_01_to_47(self):
        rows = csv_rows("prefectures.csv")
        assert [row["code"] for row in rows] == [f"{n:02d}" for n in range(1, 48)]
        assert {row["code"]: row["name"] for row in rows}["04"] == "宮城県"
        assert {row["code"]: row["name"] for row in rows}["06"] == "山形県"
        assert {row["code"]: row["name"] for row in rows}["13"] == "東京都"

    def test_prefecture_codes_match_the_official_six_digit_codes(self):
        assert [with_check_digit(row["code"] + "000") for row in csv_rows("prefectures.csv")] == (
            list(PREFECTURES)
        )

    def test_municipality_codes_match_the_official_list_exactly(self):
        codes = [row["code"] for row in csv_rows("municipalities.csv")]
        assert sorted(with_check_digit(code) for code in codes) == sorted(MIYAGI_AND_YAMAGATA)

    def test_every_code_is_unique(self):
        codes = [row["code"] for row in csv_rows("municipalities.csv")]
        assert len(codes) == len(set(codes)) == 75

    def test_counts_per_prefecture_and_kind(self):
        counts: dict[str, Counter[str]] = {}
        for row in csv_rows("municipalities.csv"):
            counts.setdefault(row["prefecture_code"], Counter())[row["kind"]] += 1
        assert {pref: dict(counter) for pref, counter in counts.items()} == EXPECTED_KINDS

    def test_readings_are_hiragana_and_english_names_ascii(self):
        for name in ("prefectures.csv", "municipalities.csv"):
            for row in csv_rows(name):
                assert HIRAGANA.fullmatch(row["name_kana"]), row
                assert row["name_en"].isascii() and row["name_en"][0].isupper(), row

    def test_sample_readings_and_english_names(self):
        rows = {row["code"]: row for row in csv_rows("municipalities.csv")}
        assert (rows["06204"]["name_kana"], rows["06204"]["name_en"]) == ("さかたし", "Sakata")
        assert (rows["04100"]["name_kana"], rows["04100"]["name_en"]) == ("せんだいし", "Sendai")
        assert rows["04424"]["name_kana"] == "おおひらむら"
        assert rows["04203"]["name_kana"] == "しおがまし"
        assert rows["06428"]["name_kana"] == "しょうないまち"

    def test_loader_validation_accepts_the_shipped_files(self):
        assert len(read_prefectures()) == 47
        rows = read_municipalities()
        assert len(rows) == 75
        # Parents come before their wards.
        position = {row["code"]: index for index, row in enumerate(rows)}
        for row in rows:
            if row["parent_code"]:
                assert position[row["parent_code"]] < position[row["code"]]


@pytest.mark.django_db
class TestLoadedByMigration:
    """pytest-django builds the test database with migrations, so 0002 has loaded the CSVs."""

    def test_47_prefectures(self):
        assert Prefecture.objects.count() == 47
        assert Prefecture.objects.get(code="06").name == "山形県"

    def test_municipality_counts_per_prefecture_and_kind(self):
        for prefecture, kinds in EXPECTED_KINDS.items():
            for kind, expected in kinds.items():
                found = Municipality.objects.filter(prefecture_id=prefecture, kind=kind).count()
                assert found == expected, (prefecture, kind)

    def test_cities_towns_villages_per_prefecture(self):
        # The usual way of counting: wards are not municipalities of their own.
        not_wards = Municipality.objects.exclude(kind=Municipality.Kind.WARD)
        assert not_wards.filter(prefecture_id="04").count() == 35
        assert not_wards.filter(prefecture_id="06").count() == 35
        assert (
            not_wards.filter(
                prefecture_id="04",
                kind__in=[Municipality.Kind.CITY, Municipality.Kind.DESIGNATED_CITY],
            ).count()
            == 14
        )

    def test_anchors(self):
        for code, name in ANCHORS.items():
            assert Municipality.objects.get(code=code).name == name
        sendai = Municipality.objects.get(code="04100")
        assert sendai.kind == Municipality.Kind.DESIGNATED_CITY
        assert sendai.parent is None
        assert Municipality.objects.get(code="04424").kind == Municipality.Kind.VILLAGE

    def test_every_ward_has_sendai_as_parent(self):
        wards = Municipality.objects.filter(kind=Municipality.Kind.WARD)
        assert {ward.code: ward.name for ward in wards} == SENDAI_WARDS
        assert {ward.parent_id for ward in wards} == {"04100"}
        assert set(Municipality.objects.get(code="04100").wards.values_list("code", flat=True)) == (
            set(SENDAI_WARDS)
        )
        assert not Municipality.objects.exclude(kind=Municipality.Kind.WARD).filter(
            parent__isnull=False
        )

    def test_display_names(self):
        assert str(Municipality.objects.get(code="04101")) == "宮城県仙台市青葉区"
        assert str(Municipality.objects.get(code="06204")) == "山形県酒田市"
        assert Municipality.objects.get(code="04105").full_name == "宮城県仙台市泉区"
