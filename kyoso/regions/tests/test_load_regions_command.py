"""``manage.py load_regions``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kyoso.regions.models import Municipality

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("ja"):
        call_command("load_regions", *args, stdout=out)
    return out.getvalue()


def test_reports_nothing_to_do_on_a_migrated_database():
    output = run()
    assert "都道府県: 追加 0件、更新 0件、変更なし 47件" in output
    assert "市区町村: 追加 0件、更新 0件、変更なし 75件" in output
    assert "変更はありませんでした。" in output


def test_repairs_and_reports():
    Municipality.objects.filter(code="04424").update(name="大平村")
    output = run()
    assert "市区町村: 追加 0件、更新 1件、変更なし 74件" in output
    assert "読み込みが完了しました。" in output
    assert Municipality.objects.get(code="04424").name == "大衡村"


def test_broken_data_dir_is_a_command_error(tmp_path):
    with pytest.raises(CommandError):
        run("--data-dir", str(tmp_path))
