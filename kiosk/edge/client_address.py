"""The address a request came from, also behind a reverse proxy the operator trusts.

Without trusted proxies (the default) it is the connection's own address and any
`X-Forwarded-For` is ignored, since anybody can send one. With them, a request from a
trusted proxy is traced back through `X-Forwarded-For`, from the right, past every trusted
hop: the first address that is not a trusted proxy is the client. The web survey's signal
for the anti-stuffing flags is made from it; it is never stored as it is.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from aiohttp import web

from kiosk.app_keys import CONFIG

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(text: str | None) -> tuple[Network, ...]:
    """`10.0.0.5, 192.168.0.0/24, ::1` as networks; ValueError naming the bad entry."""
    networks = []
    for entry in (text or "").replace(";", ",").split(","):
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(
                f"MEDBORGARDIALOG_TRUSTED_PROXIES: {entry!r} is not an address or a network"
            ) from None
    return tuple(networks)


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request: web.Request) -> str:
    """The client's address: the connection's, or behind trusted proxies the one they name."""
    remote = request.remote or ""
    networks = request.config_dict[CONFIG].trusted_proxies
    if not networks or not _trusted(remote, networks):
        return remote
    hops = [
        hop.strip()
        for header in request.headers.getall("X-Forwarded-For", ())
        for hop in header.split(",")
    ]
    for hop in reversed(hops):
        if hop and not _trusted(hop, networks):
            return hop
    return remote
