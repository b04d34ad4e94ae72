"""Looking municipalities up."""

from __future__ import annotations

import pytest
from django.utils import translation

from kyoso.regions.codes import InvalidMunicipalityCode, UnknownMunicipalityCode
from kyoso.regions.selectors import municipality_by_code, municipality_choices

pytestmark = pytest.mark.django_db


def test_choices_are_ordered_by_code_and_joined(django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(municipality_choices())
        labels = [str(row) for row in rows]
    assert [row.code for row in rows] == sorted(row.code for row in rows)
    assert len(rows) == 75
    assert "宮城県仙台市青葉区" in labels


@pytest.mark.parametrize("codes", [["06"], ("06",), "06", 6, [6], ["6"]])
def test_choices_for_one_prefecture(codes):
    rows = list(municipality_choices(codes))
    assert len(rows) == 35
    assert {row.prefecture_id for row in rows} == {"06"}
    assert rows[0].code == "06201"


def test_choices_for_several_prefectures_and_none():
    assert municipality_choices(["04", "06"]).count() == 75
    assert municipality_choices([]).count() == 0
    assert municipality_choices(["13"]).count() == 0


@pytest.mark.parametrize("text", ["06204", "062049", "０６２０４", "０６２０４９", " 06204 "])
def test_by_code_accepts_what_people_type(text):
    assert municipality_by_code(text).name == "酒田市"


def test_by_code_ward():
    ward = municipality_by_code("041017")
    assert (ward.name, ward.parent.name, ward.prefecture.name) == ("青葉区", "仙台市", "宮城県")


def test_unknown_code_raises_the_japanese_error():
    with translation.override("ja"), pytest.raises(UnknownMunicipalityCode) as caught:
        municipality_by_code("04999")
    assert str(caught.value) == "市区町村コード「04999」は見つかりません。"


@pytest.mark.parametrize("text", ["99999", "13101"])
def test_codes_not_loaded_are_unknown(text):
    with pytest.raises(UnknownMunicipalityCode):
        municipality_by_code(text)


@pytest.mark.parametrize("text", ["abc", "041008", "0410"])
def test_malformed_codes_are_invalid(text):
    with pytest.raises(InvalidMunicipalityCode):
        municipality_by_code(text)
