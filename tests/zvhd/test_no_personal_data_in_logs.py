"""No log line of any process carries a BSN, a name, a birth date or a search term.

A real gunicorn on 127.0.0.1 with the project's own config (zvhd/gunicorn.conf.py, used by
the Procfile, the Dockerfile and docker-compose.yml) and a real Celery worker (as the Procfile
starts it, `--loglevel=info`, on the Redis of TEST_CELERY_BROKER_URL; without Redis the tasks
run eagerly in the web process) serve a journey: a login with a wrong and a right code, a
search by name and by BSN, the "already known?" check, an old-style GET with the person's
data in the query string, a registration whose e-mail task the worker runs, a 404 with a name
in the query. Everything gunicorn, Django and the worker write (stdout and stderr) is then
searched for the person's data.

Before: `--access-logfile -` printed `GET /casussen/?q=Sabine+Meijer` and
`/casussen/aanmelden/bekend/?bsn=…&last_name=…&birth_date=…` verbatim.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from datetime import date

import pytest
import requests
from django.db import connection

from tests.bench.server import BASE, PY, bench_env, free_port
from tests.cases.factories import make_case, person_data
from tests.factories import TEST_PASSWORD, TEST_TOTP_SECRET

BSN = "123456782"
FIRST, LAST = "Sabine", "Meijer"
BIRTH = date(1987, 6, 15)
NEW_FIRST, NEW_LAST, NEW_BSN = "Geertruida", "Zwanenburg", "111222333"

NEEDLES = [
    BSN,
    "1234.56.782",
    FIRST,
    LAST,
    "Sabine+Meijer",
    BIRTH.isoformat(),
    BIRTH.strftime("%d-%m-%Y"),
    "15 juni 1987",
    NEW_FIRST,
    NEW_LAST,
    NEW_BSN,
    "1979-11-30",
]


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("gunicorn needs a database it can share with the test: PostgreSQL")
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{user}{password}@{host}/{db['NAME']}"


def totp(offset=0):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(TEST_TOTP_SECRET, int(time.time()) // 30 + offset))


def csrf(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def reachable_broker() -> str:
    url = os.environ.get("TEST_CELERY_BROKER_URL", "")
    if not url:
        return ""
    import redis

    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {url}")
        return ""
    return url


@pytest.fixture
def served(tmp_path):
    port = free_port()
    log = tmp_path / "processes.log"
    broker = reachable_broker()
    env = bench_env(
        database_url(),
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
        BENCH_PAGES="false",
        CELERY_BROKER_URL=broker,
    )
    # One web worker: without REDIS_URL (a local run) its own cache is the only one.
    env.setdefault("ALLOW_PROCESS_LOCAL_CACHE", "true" if not env.get("REDIS_URL") else "false")
    with log.open("w") as out:
        worker = None
        if broker:
            worker = subprocess.Popen(
                [
                    PY,
                    "-m",
                    "celery",
                    "-A",
                    "zvhd",
                    "worker",
                    "--pool=solo",
                    "--loglevel=info",
                    "--without-mingle",
                    "--without-gossip",
                ],
                cwd=BASE,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        process = subprocess.Popen(
            [
                PY,
                "-m",
                "gunicorn",
                "zvhd.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--config",
                "zvhd/gunicorn.conf.py",
            ],
            cwd=BASE,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 180
            while True:
                try:
                    requests.get(f"{base}/healthz", timeout=10)
                    break
                except requests.RequestException:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(log.read_text()) from None
                    time.sleep(0.3)
            yield base, log, worker is not None
        finally:
            process.terminate()
            process.wait(timeout=30)
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)


@pytest.mark.django_db(transaction=True)
def test_a_journey_through_gunicorn_leaves_no_personal_data_in_any_log(cast, served):
    base, log, with_worker = served
    known = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        person=person_data(cast.assen, first_name=FIRST, last_name=LAST, birth_date=BIRTH, bsn=BSN),
    )
    web = requests.Session()
    page = web.get(f"{base}/account/login/")
    page = web.post(
        f"{base}/account/login/",
        {
            "login": "ondersteuner",
            "password": TEST_PASSWORD,
            "csrfmiddlewaretoken": csrf(page.text),
        },
    )
    assert "/2fa/" in page.url
    wrong = next(c for c in ("000000", "111111") if c not in (totp(-1), totp(), totp(1)))
    page = web.post(page.url, {"code": wrong, "csrfmiddlewaretoken": csrf(page.text)})
    page = web.post(page.url, {"code": totp(), "csrfmiddlewaretoken": csrf(page.text)})
    assert page.status_code == 200 and "/account/" not in page.url, page.url

    assert web.get(f"{base}/casussen/", params={"q": f"{FIRST} {LAST}"}).status_code == 200
    assert web.get(f"{base}/casussen/", params={"q": BSN}).status_code == 200
    form = web.get(f"{base}/casussen/aanmelden/")
    token = csrf(form.text)
    answer = web.post(
        f"{base}/casussen/aanmelden/bekend/",
        {"bsn": BSN, "last_name": LAST, "birth_date": BIRTH.isoformat()},
        headers={"X-CSRFToken": token, "HX-Request": "true"},
    )
    assert known.number in answer.text, "the check still finds the person"
    old = web.get(
        f"{base}/casussen/aanmelden/bekend/",
        params={"bsn": BSN, "last_name": LAST, "birth_date": BIRTH.isoformat()},
    )
    assert old.status_code == 405
    registered = web.post(
        f"{base}/casussen/aanmelden/",
        {
            "csrfmiddlewaretoken": token,
            "first_name": NEW_FIRST,
            "last_name": NEW_LAST,
            "birth_date": "1979-11-30",
            "gender": "vrouw",
            "bsn": NEW_BSN,
            "person_municipality": cast.assen.pk,
            "registering_organisation": cast.zvhd.pk,
            "registrant_name": "Olga Ondersteuner",
            "registrant_email": "olga@zvhd.example",
            "municipality": cast.assen.pk,
            "reason": "Overlast en verwaarlozing",
            "desired_outcome": "Samenhangend plan",
            "problem_areas": ["psychisch"],
            "topic": "multiproblematiek",
            "person_informed": "ja",
            "urgency": "normaal",
            "legal_basis": "wgs",
            "legal_purpose": "Beoordelen of procesregie nodig is",
        },
    )
    assert registered.status_code == 200
    # Our addresses carry ids, never names: a name can only come in through a query string.
    assert web.get(f"{base}/bestaat-niet/", params={"naam": LAST}).status_code == 404

    if with_worker:  # the registration's e-mail task, run by the worker
        deadline = time.monotonic() + 120
        while "notify_new_registration" not in log.read_text() or "succeeded" not in (
            log.read_text()
        ):
            assert time.monotonic() < deadline, "the worker did not run the task"
            time.sleep(0.5)
    # Let the last access lines reach the file (gunicorn writes them after the response:
    # half a second was not enough at load 9).
    deadline = time.monotonic() + 15
    while "aanmelden/bekend/ HTTP/1.1" not in log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.2)
    raw = log.read_text()
    lines = []
    for line in raw.splitlines():
        try:
            lines.append(json.loads(line[line.index("{") :]))
        except ValueError:  # no JSON, or two lines run together (below)
            continue
    # The raw file as well, unescaped: under load a line of the master and one of the worker
    # can interleave, so that a line no longer parses as JSON (CI at load 9 lost the POST
    # line from the parsed messages that way); the check for personal data reads all of it.
    text = "\n".join(str(line.get("message")) for line in lines) + raw + raw.replace('\\"', '"')
    assert '"GET /casussen/ HTTP/1.1" 200' in text, "the access log is there, without queries"
    assert '"POST /casussen/aanmelden/bekend/ HTTP/1.1" 200' in text
    assert "auth_failed" in text, "the wrong code was logged"
    found = [needle for needle in NEEDLES if needle.lower() in text.lower()]
    assert not found, f"personal data in the logs: {found}\n{raw}"
