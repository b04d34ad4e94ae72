"""The registry of computed KPI sources that apps fill in ``ready()``."""

from __future__ import annotations

import pytest

from kyoso.core import indicators


def _zero(fiscal_year: int, community_id: int | None) -> int:
    return 0


def test_a_registered_source_is_listed_and_found_by_key():
    indicators.register("testapp.figure", label="図", unit="count", compute=_zero)
    try:
        assert indicators.get("testapp.figure").unit == "count"
        assert "testapp.figure" in [s.key for s in indicators.registered()]
    finally:
        indicators.unregister("testapp.figure")
    assert indicators.get("testapp.figure") is None


@pytest.mark.parametrize("key", ["Figure", "events", "events.", "events.Total"])
def test_a_badly_named_key_is_refused(key):
    with pytest.raises(ValueError):
        indicators.register(key, label="x", unit="count", compute=_zero)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        indicators.register("testapp.figure", label="x", unit="kg", compute=_zero)
