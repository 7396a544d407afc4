"""Absolute links for e-mails: the one place that turns a path into an address.

A mail client has no page to resolve "/casussen/323/" against, so every link that leaves the
site (e-mails) is `SITE_URL` + the path. Pages keep relative links. Without `SITE_URL` (a
local demo) the link falls back to http://127.0.0.1:8000, the address `make run` serves;
the deploy check warns when production has no `SITE_URL` (zvhd.checks, zvhd.W001).
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

DEMO_SITE_URL = "http://127.0.0.1:8000"


def site_url() -> str:
    return (getattr(settings, "SITE_URL", "") or DEMO_SITE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """`path` ("/casussen/323/") as an address a mail client can open."""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + "/" + path.lstrip("/")


def absolute_reverse(url_name: str, *args, anchor: str = "") -> str:
    """`reverse(url_name, args)` as an absolute address, optionally with `#anchor`."""
    return absolute_url(reverse(url_name, args=list(args))) + (f"#{anchor}" if anchor else "")
