"""Fixtures of the projects tests.

Besides the project personas (佐藤 the secretariat, 鈴木, 高橋):

- 斎藤 (``lead``): leads ``project`` (空き家で子ども食堂, at the idea stage)
- 山田 (``member``): an active member of it
"""

from __future__ import annotations

import pytest

from kyoso.accounts.tests.factories import UserFactory
from kyoso.projects.tests.factories import add_member, project_led_by


@pytest.fixture
def lead(db):
    return UserFactory(email="saito@example.jp", display_name="斎藤")


@pytest.fixture
def member(db):
    return UserFactory(email="yamada@example.jp", display_name="山田")


@pytest.fixture
def project(lead, member):
    project = project_led_by(lead, title="空き家で子ども食堂")
    add_member(project, member)
    return project
