"""Fixtures of the archive tests (佐藤 the secretariat, 鈴木 and 高橋 come from the root).

- 伊藤 (``ito``): a member of the NPO 庄内つなぐ会, so a writer
- ``draft``: 伊藤's draft report
- 鈴木: a citizen in no organization (reads, cannot write)
- 高橋: signed in, in nothing
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.archive.tests.factories import item_by
from kyoso.orgs.tests.factories import MembershipFactory, OrganizationFactory


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ito(db):
    user = UserFactory(email="ito@example.jp", display_name="伊藤")
    MembershipFactory(
        organization=OrganizationFactory(slug="shonai-tsunagu", name="庄内つなぐ会"), user=user
    )
    return user


@pytest.fixture
def draft(ito):
    return item_by(ito, title="庄内の空き家活用レポート")
