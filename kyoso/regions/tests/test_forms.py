"""MunicipalityField accepts codes and answers in Japanese."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from kyoso.regions.forms import MunicipalityField
from kyoso.regions.models import Municipality

pytestmark = pytest.mark.django_db


class PlaceForm(forms.Form):
    municipality = MunicipalityField(label="市区町村")


class YamagataForm(forms.Form):
    municipality = MunicipalityField(prefecture_codes=["06"], required=False)


def test_field_is_a_model_choice_field():
    assert isinstance(PlaceForm.base_fields["municipality"], forms.ModelChoiceField)


@pytest.mark.parametrize("value", ["04101", "041017", "０４１０１", "０４１０１７", " 04101 "])
def test_accepts_five_six_and_full_width_digits(value):
    form = PlaceForm(data={"municipality": value})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["municipality"] == Municipality.objects.get(code="04101")


def test_unknown_code_uses_the_japanese_constant():
    with translation.override("ja"):
        form = PlaceForm(data={"municipality": "04999"})
        assert not form.is_valid()
        assert form.errors["municipality"] == ["市区町村コード「04999」は見つかりません。"]
        assert form.errors.as_data()["municipality"][0].code == "invalid_choice"


def test_code_outside_the_limited_prefectures_is_unknown():
    with translation.override("ja"):
        form = YamagataForm(data={"municipality": "04100"})
        assert not form.is_valid()
        assert form.errors["municipality"] == ["市区町村コード「04100」は見つかりません。"]
        assert YamagataForm(data={"municipality": "06204"}).is_valid()


@pytest.mark.parametrize(
    ("value", "message", "code"),
    [
        ("041008", "市区町村コード「041008」の検査数字が一致しません。", "invalid"),
        (
            "abc",
            "市区町村コード「abc」の形式が正しくありません。5桁または6桁の数字で入力してください。",
            "invalid",
        ),
        ("99999", "市区町村コード「99999」は見つかりません。", "invalid_choice"),
    ],
)
def test_malformed_codes(value, message, code):
    field = MunicipalityField()
    with translation.override("ja"), pytest.raises(ValidationError) as caught:
        field.clean(value)
    assert caught.value.messages == [message]
    assert caught.value.code == code


def test_required_and_optional():
    assert not PlaceForm(data={"municipality": ""}).is_valid()
    optional = YamagataForm(data={"municipality": ""})
    assert optional.is_valid()
    assert optional.cleaned_data["municipality"] is None


def test_choices_render_codes_and_full_names():
    field = YamagataForm().fields["municipality"]
    choices = [(str(value), label) for value, label in field.choices]
    assert choices[0] == ("", "---------")
    assert ("06204", "山形県酒田市") in choices
    assert len(choices) == 36
    html = str(PlaceForm()["municipality"])
    assert '<option value="04101">宮城県仙台市青葉区</option>' in html


def test_initial_instance_is_selected():
    sakata = Municipality.objects.get(code="06204")
    html = str(YamagataForm(initial={"municipality": sakata})["municipality"])
    assert '<option value="06204" selected>山形県酒田市</option>' in html
    assert not YamagataForm(
        initial={"municipality": sakata}, data={"municipality": "062049"}
    ).has_changed()
