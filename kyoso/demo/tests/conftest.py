import pytest


@pytest.fixture(autouse=True)
def demo_data_dir(settings, tmp_path, monkeypatch):
    """Keep the generated demo password out of the real data directory."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("KYOSO_DEMO_PASSWORD", raising=False)
    return tmp_path
