"""Asking every peer at once, within one time budget (≤ 2 s), without harming the page.

Each peer gets its own thread and its own connection (the standard library's `http.client`:
no redirects are followed, no proxy from the environment is used, and nothing is read beyond
`protocol.MAX_ANSWER_BYTES`). The caller waits at most `FEDERATION_TIMEOUT_SECONDS` in total;
a peer that has not answered by then, answered with an error or with something that is not the
protocol, counts as "antwoordde niet". The threads write nothing: the answers are logged by the
caller's thread, one row per peer, when the budget is over.
"""

from __future__ import annotations

import http.client
import json
import ssl
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError

from federation import crypto, protocol, services
from federation.models import Direction, Outcome, Peer
from federation.urlcheck import check_base_url


@dataclass
class Answer:
    peer: Peer
    outcome: str = Outcome.NO_ANSWER
    contact: dict = field(default_factory=dict)
    detail: str = ""  # for the log (not shown to the asker beyond "antwoordde niet")
    duration_ms: int = 0

    @property
    def known(self) -> bool:
        return self.outcome == Outcome.KNOWN

    @property
    def answered(self) -> bool:
        return self.outcome in (Outcome.KNOWN, Outcome.UNKNOWN)


@dataclass
class Result:
    asked: bool
    message: str = ""  # why nothing was asked (Dutch), when `asked` is False
    answers: list[Answer] = field(default_factory=list)


LOG_MARGIN = 0.2  # seconds kept for the reads before and the log rows after the calls


def budget() -> float:
    return min(float(settings.FEDERATION_TIMEOUT_SECONDS), 2.0)


def _post(url: str, token: str, body: bytes, deadline: float) -> tuple[int, bytes]:
    parts = urlsplit(url)
    remaining = max(deadline - time.monotonic(), 0.05)
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=remaining)
    try:
        conn.request(
            "POST",
            parts.path,
            body=body,
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "Authorization": f"Bearer {token}",
                "User-Agent": "zvhd-federatie/1",
            },
        )
        response = conn.getresponse()
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError
            chunk = response.read(1024)
            if not chunk:
                break
            size += len(chunk)
            if size > protocol.MAX_ANSWER_BYTES:
                raise ValueError("answer too large")
            chunks.append(chunk)
        return response.status, b"".join(chunks)
    finally:
        conn.close()


def ask_peer(peer: Peer, token: str, question: dict, deadline: float) -> Answer:
    started = time.monotonic()
    answer = Answer(peer=peer)
    try:
        url = check_base_url(peer.base_url) + protocol.PATH
        status, raw = _post(url, token, json.dumps(question).encode(), deadline)
        if status == 200:
            data = protocol.parse_answer(json.loads(raw), request_id=question["request_id"])
            answer.outcome = Outcome.KNOWN if data["known"] else Outcome.UNKNOWN
            answer.contact = data["contact"]
        elif status in (401, 403):
            answer.detail = f"geweigerd (HTTP {status}): sleutel of koppeling klopt niet"
        elif status == 422:
            answer.detail = "het andere huis kent ons sleutel-id niet"
        elif status == 429:
            answer.detail = "te veel vragen (HTTP 429)"
        else:
            answer.detail = f"HTTP {status}"
    except ValidationError as exc:
        answer.detail = "adres geweigerd: " + " ".join(exc.messages)
    except TimeoutError:  # socket.timeout too
        answer.detail = "geen antwoord binnen de tijd"
    except (OSError, http.client.HTTPException):
        answer.detail = "niet bereikbaar"
    except (ValueError, protocol.Malformed):
        answer.detail = "antwoord volgt het protocol niet"
    answer.duration_ms = int((time.monotonic() - started) * 1000)
    return answer


def ask_all(*, bsn: str, purpose: str, asked_by) -> Result:
    """Ask every active peer whether the person with `bsn` is known there; log every answer."""
    from federation.models import FederationKey

    try:
        crypto.normalise_bsn(bsn)
    except crypto.InvalidBSN:
        return Result(False, "Vul een geldig BSN in om het bij andere huizen na te vragen.")
    house = services.house()
    key = FederationKey.objects.current()
    raw = crypto.key_bytes(key) if key is not None else None
    peers = [p for p in Peer.objects.active().order_by("name") if p.outbound_token]
    if house is None or raw is None or not peers:
        return Result(
            False,
            "Navragen bij andere Zorg- en Veiligheidshuizen is hier nog niet ingericht.",
        )
    subject = crypto.digest(raw, bsn)
    request_id = str(uuid.uuid4())
    question = {
        "protocol": protocol.PROTOCOL,
        "request_id": request_id,
        "key_id": key.key_id,
        "subject": subject,
        "purpose": purpose,
        "asked_by": _who(asked_by),
        "house": house.house_id,
    }
    # The budget covers the whole question, the log rows included: the calls get all but a
    # margin for writing one row per peer.
    deadline = time.monotonic() + budget() - LOG_MARGIN
    pool = ThreadPoolExecutor(max_workers=min(len(peers), 8), thread_name_prefix="federatie")
    futures = {
        pool.submit(ask_peer, peer, crypto.unseal(peer.outbound_token), question, deadline): peer
        for peer in peers
    }
    done, _pending = wait(futures, timeout=max(deadline - time.monotonic(), 0))
    # The page does not wait for a peer that hangs: its thread ends at its own deadline.
    pool.shutdown(wait=False, cancel_futures=True)
    answers = []
    for future, peer in futures.items():
        if future in done and future.exception() is None:
            answers.append(future.result())
        else:
            answers.append(
                Answer(
                    peer=peer,
                    detail="geen antwoord binnen de tijd",
                    duration_ms=int(budget() * 1000),
                )
            )
    # Who knows the person first, then who does not, then who did not answer.
    answers.sort(key=lambda a: (not a.known, not a.answered, a.peer.name))
    for answer in answers:
        services.log_query(
            direction=Direction.OUTGOING,
            request_id=request_id,
            peer=answer.peer,
            peer_name=answer.peer.name,
            asked_by=asked_by,
            purpose=purpose,
            key_id=key.key_id,
            digest=subject,
            outcome=answer.outcome,
            detail=answer.detail,
            duration_ms=answer.duration_ms,
        )
    return Result(True, answers=answers)


def _who(user) -> str:
    """Who asks, as the other house logs it: name and role (they may need to call back)."""
    name = user.get_full_name() or user.username
    roles = ", ".join(str(r) for r in user.roles) if hasattr(user, "roles") else ""
    return (f"{name} ({roles})" if roles else name)[:150]
