"""Fixtures of the campaigns tests.

- 斎藤 (``lead``): the lead of the project チーム庄内 (``project``)
- ``fake``: the payments test double (``fake_payments.py``), installed for every test
- 鈴木 (``suzuki``, root conftest): a supporter with a verified email address
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.campaigns.tests import fake_payments
from kyoso.campaigns.tests.factories import make_project


@pytest.fixture(autouse=True)
def fake(monkeypatch):
    return fake_payments.install(monkeypatch)


@pytest.fixture
def lead(db):
    return UserFactory(email="saito@example.jp", display_name="斎藤")


@pytest.fixture
def project(lead):
    return make_project(lead, title="チーム庄内")
