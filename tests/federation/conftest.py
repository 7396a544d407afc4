"""The federation tests run without a name server: the `.example` names of their peers (RFC
2606: they never resolve) are given a public address here, so the address check (no internal
addresses) sees what it would see for a real peer. Nothing is ever sent to it: the tests that
call a peer run a fake one on 127.0.0.1 with internal addresses allowed."""

import socket

import pytest

PUBLIC = "93.184.215.14"


@pytest.fixture(autouse=True)
def _peer_names_resolve(monkeypatch):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if isinstance(host, str) and host.endswith(".example"):
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (PUBLIC, port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
