"""The ``region`` fixture: see :mod:`kyoso.matching.tests.scenario`."""

from __future__ import annotations

import pytest

from kyoso.matching.tests.scenario import build_region


@pytest.fixture
def region(db, takahashi):
    return build_region(takahashi)
