import http.client
from urllib.parse import urlsplit

import pytest

from kyoso.linelogin.models import LineChannel
from kyoso.linelogin.testing import CHANNEL_ID, CHANNEL_SECRET, FakeLine


@pytest.fixture
def fake_line(settings):
    fake = FakeLine().start()
    settings.KYOSO_LINE_AUTHORIZE_BASE = fake.base_url
    settings.KYOSO_LINE_API_BASE = fake.base_url
    yield fake
    fake.stop()


@pytest.fixture
def line_channel(db):
    return LineChannel.objects.create(
        enabled=True, channel_id=CHANNEL_ID, channel_secret=CHANNEL_SECRET
    )


def follow_to_line(authorize_url: str) -> str:
    """Ask the fake LINE to authorize; return the path+query it sends the browser back to."""
    parts = urlsplit(authorize_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", f"{parts.path}?{parts.query}")
    response = conn.getresponse()
    assert response.status == 302, response.status
    back = urlsplit(response.getheader("Location"))
    conn.close()
    return f"{back.path}?{back.query}"


def line_round_trip(client, *, start: str = "/accounts/line/login/", post: bool = False):
    """Start a LINE login (or connect) with the test client and come back from the fake."""
    response = client.post(start) if post else client.get(start)
    assert response.status_code == 302, response
    return client.get(follow_to_line(response["Location"]))
