"""Project-wide fixtures: the named personas every test can ask for.

- 佐藤 (sato): the secretariat (事務局) of the hub organization
- 鈴木 (suzuki): a citizen with a verified email address
- 高橋 (takahashi): signed in, but holds no role and belongs to nothing
"""

import pytest

from kyoso.accounts.tests.factories import UserFactory, make_secretariat


@pytest.fixture
def sato(db):
    return make_secretariat(
        email="sato@hub.example.jp", display_name="佐藤（事務局）", family_name="佐藤",
        given_name="花子", family_name_kana="サトウ", given_name_kana="ハナコ",
    )


@pytest.fixture
def suzuki(db):
    return UserFactory(
        email="suzuki@example.jp", display_name="鈴木", family_name="鈴木", given_name="一郎",
        family_name_kana="スズキ", given_name_kana="イチロウ",
    )


@pytest.fixture
def takahashi(db):
    return UserFactory(email="takahashi@example.jp", display_name="高橋")


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
