"""Tiny local HTTP servers that behave like a peer, badly or well (127.0.0.1 only)."""

from __future__ import annotations

import json
import socket
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def handler_for(behaviour: str, *, known: bool = True):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def do_POST(self):  # noqa: N802 - http.server's name
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if behaviour == "slow":
                time.sleep(5)
                return
            if behaviour == "redirect":
                self.send_response(302)
                self.send_header("Location", "http://127.0.0.1:1/elders")
                self.end_headers()
                return
            if behaviour == "error":
                self.send_response(500)
                self.end_headers()
                return
            if behaviour == "unauthorised":
                self.send_response(401)
                self.end_headers()
                return
            if behaviour == "malformed":
                payload = b"<html>onderhoud</html>"
            elif behaviour == "wrong_id":
                payload = json.dumps(
                    {
                        "protocol": "zvh-federatie/1",
                        "request_id": "x",
                        "house": "zvh-x",
                        "known": True,
                        "contact": {},
                    }  # fmt: skip
                ).encode()
            elif behaviour == "huge":
                payload = b"{" + b" " * 100_000 + b"}"
            else:
                payload = json.dumps(
                    {
                        "protocol": "zvh-federatie/1",
                        "request_id": body.get("request_id"),
                        "house": "zvh-fake",
                        "known": known,
                        "contact": {
                            "role": "Casusregie",
                            "email": "casusregie@zvh.example",
                            "phone": "050 123 4567",
                        },
                    }
                ).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the asker stopped waiting, as it should

    return Handler


@contextmanager
def fake_peer(behaviour: str = "good", **kwargs):
    """`http://127.0.0.1:<port>/` of a server answering as `behaviour` says."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(behaviour, **kwargs))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """An address where nothing listens (a peer that is down)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
