"""Outbound calls go only to configured peers, at addresses that are what they say (no SSRF).

A peer's base URL is checked when the beheerder saves it and again before every call: https
(http only where `FEDERATION_ALLOW_HTTP` says so: the local two-instance test and demo), no
user name or password, no query or fragment, and, unless `FEDERATION_ALLOW_PRIVATE_ADDRESSES`,
a host name whose every address is public (not loopback, private, link-local or reserved).
The call itself follows no redirect (`federation.client`).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def check_base_url(url: str, *, resolve: bool = True) -> str:
    """The URL, normalised with one trailing slash; ValidationError (Dutch) when refused."""
    parts = urlsplit(url.strip())
    allowed = {"https", "http"} if settings.FEDERATION_ALLOW_HTTP else {"https"}
    if parts.scheme not in allowed:
        raise ValidationError(_("Het adres moet met https:// beginnen."))
    if not parts.hostname:
        raise ValidationError(_("Het adres mist een servernaam."))
    if parts.username or parts.password:
        raise ValidationError(_("Een adres met een gebruikersnaam of wachtwoord erin kan niet."))
    if parts.query or parts.fragment:
        raise ValidationError(_("Het adres mag geen ?- of #-deel hebben."))
    try:
        port = parts.port
    except ValueError:
        raise ValidationError(_("Het poortnummer in het adres is ongeldig.")) from None
    if resolve and not settings.FEDERATION_ALLOW_PRIVATE_ADDRESSES:
        check_public(parts.hostname, port or (443 if parts.scheme == "https" else 80))
    path = parts.path.rstrip("/") + "/"
    netloc = parts.netloc
    return f"{parts.scheme}://{netloc}{path}"


def check_public(host: str, port: int) -> None:
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise ValidationError(_("De servernaam van het adres is niet te vinden.")) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise ValidationError(
                _("Het adres wijst naar een intern netwerkadres; dat is niet toegestaan.")
            )
