"""Request types for views that the policy layer has already checked, and the client's
address behind the reverse proxy."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from kyoso.accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in (guarded by ``login_required`` or a member rule)."""

    user: User  # type: ignore[assignment]


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[IPNetwork, ...] | None:
    """The trusted proxies as networks; None for ``*`` (every peer is trusted)."""
    if "*" in entries:
        return None
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(text: str) -> IPAddress | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443" (RFC 7239 style)
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket ("::ffff:203.0.113.7") is that IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_ip(request: HttpRequest) -> IPAddress | None:
    """The address of whoever sent ``request``: the peer (``REMOTE_ADDR``), unless the peer is
    one of ``settings.KYOSO_TRUSTED_PROXIES``; then ``X-Forwarded-For`` is read from the right
    (each proxy appends the peer it saw) and the first address that is not a trusted proxy is
    the client. Entries left of it were written by the client itself and are never believed.
    Every hop trusted: the leftmost address. A malformed entry stops the walk at the last
    address known good. None when the peer itself is not an address."""
    current = _address(request.META.get("REMOTE_ADDR", "") or "")
    if current is None:
        return None
    trusted = _networks(tuple(settings.KYOSO_TRUSTED_PROXIES))

    def is_trusted(address: IPAddress) -> bool:
        return trusted is None or any(address in network for network in trusted)

    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    while is_trusted(current) and hops:
        hop = _address(hops.pop())
        if hop is None:
            break
        current = hop
    return current


def client_address(request: HttpRequest) -> str:
    """:func:`client_ip` as text, the key of rate limits (kyoso.core.ratelimit); a peer that
    is not an address (a test client's, a Unix socket's) is its own key."""
    address = client_ip(request)
    return str(address) if address else request.META.get("REMOTE_ADDR", "") or "unknown"
