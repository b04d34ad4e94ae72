"""The client's address behind the reverse proxy (kyoso.core.http.client_ip; docs/security.md).

Behind nginx every request's peer is the proxy. Rate limits and the audit log must see the
person's own address, which the proxy appends to ``X-Forwarded-For``; whatever the person wrote
there themselves must never count.
"""

from __future__ import annotations

import ipaddress

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from kyoso.core.env import ConfigurationError, env_networks
from kyoso.core.http import client_address, client_ip

PROXY = "127.0.0.1"


def _request(peer: str, forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=peer)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def _address(peer: str, forwarded: str | None = None) -> str:
    return client_address(_request(peer, forwarded))


def test_without_a_proxy_header_the_peer_is_the_client():
    assert _address("203.0.113.7") == "203.0.113.7"
    assert _address(PROXY) == PROXY


def test_behind_the_proxy_the_address_it_appended_is_the_client():
    assert _address(PROXY, "203.0.113.7") == "203.0.113.7"


def test_what_the_client_wrote_left_of_the_proxys_entry_is_not_believed():
    assert _address(PROXY, "1.1.1.1, 10.9.9.9, 203.0.113.7") == "203.0.113.7"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_name_another_address():
    assert _address("198.51.100.4", "203.0.113.7") == "198.51.100.4"


@override_settings(KYOSO_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_hop():
    # client → load balancer 10.0.0.5 → nginx on the app host (127.0.0.1)
    assert _address(PROXY, "192.0.2.1, 203.0.113.7, 10.0.0.5") == "203.0.113.7"
    # every hop a proxy (a health check from inside): the leftmost one
    assert _address(PROXY, "10.0.0.9, 10.0.0.5") == "10.0.0.9"


@override_settings(KYOSO_TRUSTED_PROXIES=["*"])
def test_a_star_trusts_every_peer_as_gunicorn_does():
    assert _address("198.51.100.4", "203.0.113.7, 192.0.2.8") == "203.0.113.7"


def test_ports_brackets_and_mapped_ipv4_addresses_are_the_addresses_themselves():
    assert _address(PROXY, "203.0.113.7:51234") == "203.0.113.7"
    assert _address(PROXY, "[2001:db8::1]:443") == "2001:db8::1"
    assert _address(PROXY, "2001:db8::2") == "2001:db8::2"
    assert _address("::ffff:203.0.113.9") == "203.0.113.9"
    assert _address("::1", "203.0.113.7") == "203.0.113.7"


def test_a_malformed_hop_stops_the_walk_at_the_last_good_address():
    assert _address(PROXY, "203.0.113.7, unknown") == PROXY
    assert _address(PROXY, "unknown, 203.0.113.7") == "203.0.113.7"
    assert _address(PROXY, " , ") == PROXY


def test_a_peer_that_is_not_an_address_is_its_own_key_and_no_ip():
    request = _request("unix-socket", "203.0.113.7")
    assert client_ip(request) is None
    assert client_address(request) == "unix-socket"
    assert client_address(_request("")) == "unknown"


addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)


#: What a client might write itself to pass for someone else or for the proxy.
FORGED = st.sampled_from(
    [
        *("127.0.0.1", "::1", "10.0.0.1", "::ffff:1.2.3.4", "203.0.113.7"),
        *("unknown", "", "[::1]:80", "1.1.1.1:443", "ｘ"),
    ]
)


@given(written=st.lists(addresses | FORGED, max_size=5), real=addresses)
def test_whatever_a_client_writes_its_own_address_is_the_one_counted(written, real):
    forwarded = ", ".join([*written, real])
    expected = ipaddress.ip_address(real)
    if isinstance(expected, ipaddress.IPv6Address) and expected.ipv4_mapped:
        expected = expected.ipv4_mapped
    if str(expected) in {"127.0.0.1", "::1"}:  # the client is on the proxy's own host
        return
    assert _address(PROXY, forwarded) == str(expected)


def test_the_setting_must_list_addresses_or_networks(monkeypatch):
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.0/8, ::1, *")
    assert env_networks("FORWARDED_ALLOW_IPS", []) == ["10.0.0.0/8", "::1", "*"]
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.5,proxy.example.jp")
    with pytest.raises(ConfigurationError, match=r"proxy\.example\.jp"):
        env_networks("FORWARDED_ALLOW_IPS", [])


# --- What the address is for ---------------------------------------------------------------


@pytest.mark.django_db
@override_settings(KYOSO_RATE_LIMITS={"login": (2, 600)})
def test_people_behind_one_proxy_have_their_own_login_limits():
    url = reverse("accounts:login")
    data = {"email": "nobody@example.jp", "password": "wrong"}

    def attempt(forwarded: str) -> int:
        return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).post(url, data).status_code

    assert attempt("203.0.113.7") != 429
    assert attempt("203.0.113.7") != 429
    assert attempt("203.0.113.7") == 429
    # Someone else in the same city, through the same proxy, is not held up...
    assert attempt("198.51.100.4") != 429
    # ...and the first person cannot get round the limit by writing another address.
    assert attempt("192.0.2.1, 203.0.113.7") == 429


@pytest.mark.django_db
def test_the_audit_log_keeps_the_persons_address_not_the_proxys(suzuki):
    from kyoso.audit.models import AuditEvent

    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")
    client.post(reverse("accounts:login"), {"email": suzuki.email, "password": "wrong"})
    event = AuditEvent.objects.order_by("-pk").first()
    assert event is not None
    assert event.ip_address == "203.0.113.7"
