"""Two installations on loopback, each with its own database, ask each other (issue 21 part 5).

The second instance is the real app under gunicorn on a free 127.0.0.1 port with the database
`<test database>_peer`, copied from the freshly migrated test database when this run made one
(else migrated by its own `manage.py migrate`); `peer_setup.py` makes it a house that knows one
person and lets us ask. Nothing is mocked between the two.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.test import override_settings

from federation import client
from federation.models import Outcome
from tests import databases
from tests.bench.server import bench_env, gunicorn
from tests.federation.factories import KNOWN_BSN, OTHER_BSN, make_house, make_key, make_peer

pytestmark = [pytest.mark.django_db]

PEER = "Zorg- en Veiligheidshuis Groningen"


@pytest.fixture(scope="module")
def federation_peer(django_db_setup, django_db_blocker, request):
    from ops import devdb
    from tests.conftest import MIGRATED_TEMPLATE

    db = databases.server()
    name = f"{db['NAME']}_peer"
    base = (os.environ.get("DATABASE_URL") or devdb.url()).rsplit("/", 1)[0]
    env = bench_env(
        f"{base}/{name}",
        FEDERATION_ALLOW_HTTP="true",
        FEDERATION_ALLOW_PRIVATE_ADDRESSES="true",
        REDIS_URL="",
        ALLOW_PROCESS_LOCAL_CACHE="true",
        BENCH_PAGES="false",
    )
    databases.drop_database(db, name)
    # A copy of the migrated test database (a second `migrate` took minutes on 2 busy cores):
    # the snapshot taken before any test ran, or, with --reuse-db, the test database itself
    # (its cast is harmless there: the peer's own people have other names).
    template = request.config.stash.get(MIGRATED_TEMPLATE, None)
    if template is None and databases.on_test_database():
        from django.db import connections

        template = db["NAME"]
        with django_db_blocker.unblock():
            connections.close_all()
    if template:
        databases.psql(db, f'create database "{name}" template "{template}";')
    else:
        databases.psql(db, f'create database "{name}";')
        databases.manage(env, "migrate", "--noinput")
    made = subprocess.run(
        [sys.executable, "tests/federation/peer_setup.py", KNOWN_BSN],
        env=env,
        capture_output=True,
        text=True,
        cwd=os.getcwd(),
    )
    assert made.returncode == 0, made.stderr[-3000:]
    token = json.loads(made.stdout.strip().splitlines()[-1])["token"]
    try:
        with gunicorn(env, workers=1) as port:
            yield {"url": f"http://127.0.0.1:{port}/", "token": token, "db": db, "name": name}
    finally:
        databases.drop_database(db, name)


@pytest.fixture
def we(cast):
    with override_settings(FEDERATION_ALLOW_HTTP=True, FEDERATION_ALLOW_PRIVATE_ADDRESSES=True):
        make_house(cast.beheerder)
        yield cast


def peer_log(peer) -> list[list[str]]:
    out = databases.psql(
        peer["db"],
        "select outcome, purpose, asked_by_text, key_id from federation_query order by id;",
        database=peer["name"],
    )
    return [line.split("|") for line in out.splitlines()]


def test_two_houses_on_loopback_ask_each_other_and_both_log_it(federation_peer, we):
    make_key(we.beheerder)
    make_peer(we.beheerder, name=PEER, base_url=federation_peer["url"],
              outbound_token=federation_peer["token"], with_client=False)  # fmt: skip
    known = client.ask_all(bsn=KNOWN_BSN, purpose="Intake van een aanmelding",
                           asked_by=we.regisseur)  # fmt: skip
    answer = known.answers[0]
    assert answer.outcome == Outcome.KNOWN, answer.detail
    assert answer.contact == {
        "role": "Casusregie Groningen",
        "email": "casusregie@zvhgroningen.example",
        "phone": "050 000 0000",
    }
    assert answer.duration_ms < 2000
    unknown = client.ask_all(bsn=OTHER_BSN, purpose="Navraag", asked_by=we.regisseur)
    assert unknown.answers[0].outcome == Outcome.UNKNOWN
    theirs = peer_log(federation_peer)[-2:]
    assert [row[0] for row in theirs] == ["bekend", "niet_bekend"]
    assert theirs[0][1] == "Intake van een aanmelding"
    assert "Regisseur" in theirs[0][2] and "Procesregisseur" in theirs[0][2]


def test_a_wrong_token_and_an_unknown_key_id_get_no_answer(federation_peer, we):
    make_key(we.beheerder, key_id="2030-9", secret="WA" * 21 + "Y=")
    make_peer(we.beheerder, name=PEER, base_url=federation_peer["url"],
              outbound_token=federation_peer["token"], with_client=False)  # fmt: skip
    result = client.ask_all(bsn=KNOWN_BSN, purpose="Navraag", asked_by=we.regisseur)
    assert not result.answers[0].answered
    assert result.answers[0].detail == "het andere huis kent ons sleutel-id niet"
    assert peer_log(federation_peer)[-1][0] == "geweigerd"

    from federation import services
    from federation.models import Peer

    peer = Peer.objects.get()
    services.save_peer(peer=peer, changed_by=we.beheerder, outbound_token="abc.verkeerd")
    result = client.ask_all(bsn=KNOWN_BSN, purpose="Navraag", asked_by=we.regisseur)
    assert "geweigerd (HTTP 401)" in result.answers[0].detail
