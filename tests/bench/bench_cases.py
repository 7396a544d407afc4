"""Cases at scale: case list, triage queue and case detail with 100,000 (or more) cases.

    python -m tests.bench.bench_cases [--cases 100000] [--requests 200]
    make bench BENCH_ARGS="cases --cases 1000000"

Seeds synthetic cases with COPY into its own PostgreSQL database (`zvhd_bench_cases`, or
BENCH_DATABASE_URL), then measures the pages in-process with Django's test client as a process
director and as a municipal contact: p50/p95 and the number of queries per page, next to the
bare page of the foundation (`/_bench/bare`: middleware, session, user and base template, no
data; BENCH_PAGES is switched on here) and its start page. Sessions and the cache are in Redis as in
production (BENCH_REDIS_URL, default database 9). Prints the load average and a table for
BENCHMARKS.md.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta

from tests.bench.server import load_average

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_cases"


def _setup():
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
    os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("DEMO_DATA_ALLOWED", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("BENCH_PAGES", "true")  # mounts /_bench/bare (zvhd/bench_views.py)
    # As in production (docker-compose.yml): sessions and the cache in Redis, our own database
    # number. Without it Django keeps sessions in PostgreSQL and the cache in the process.
    os.environ.setdefault(
        "REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    )
    import django

    django.setup()


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join("\\N" if v is None else str(v) for v in row) + "\n")
    buffer.seek(0)
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)


# Directed cases are spread over the demo's regisseur and this many synthetic ones, so the
# regisseur directs about 1 in 40 (~25,000 of 1,000,000 cases, ~4,400 running): a heavy
# caseload, but of the kind a start page must serve. (One director with half of all cases,
# as before, measured a situation no bureau has.)
SYNTHETIC_DIRECTORS = 39

# Triage decisions other than procesregie (lead time registration -> decision, "overig").
OTHER_DECISIONS = ("ondersteuning", "advies", "niet_opgepakt", "ingetrokken")


def _synthetic_directors(organisation) -> list[int]:
    from zvhd.network.models import Role, User
    from zvhd.network.services import save_user

    pks = []
    for n in range(1, SYNTHETIC_DIRECTORS + 1):
        username = f"bench.regisseur.{n:02d}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name="Regisseur",
                last_name=f"Bench {n:02d}",
                organisation=organisation,
            )
            save_user(user=user, roles=[Role.PROCESREGISSEUR], changed_by=None)
        pks.append(user.pk)
    return pks


def _programme_ids() -> list[int]:
    from programmes.models import Programme

    return list(Programme.objects.order_by("pk").values_list("pk", flat=True))


def _periods(rng, programmes, started, closed, added_by) -> list[tuple]:
    """Programme periods (issue 20) of a direction case that has programmes: one, in one case
    in ten a second one in another programme; an in date up to 60 days after the start, an out
    date in one period in three (90-270 days later, or on the closing when that came first)."""
    chosen = rng.sample(programmes, 2 if rng.random() < 0.1 else 1)
    rows = []
    for programme in chosen:
        begin = started + timedelta(days=rng.randrange(61))
        end = begin + timedelta(days=rng.randrange(90, 271)) if rng.random() < 1 / 3 else None
        if closed is not None:
            begin = min(begin, closed)
            end = min(end, closed) if end else None
        rows.append((programme, begin, end, added_by, f"{begin.isoformat()}T12:00:00+00:00"))
    return rows


def seed(total: int) -> None:
    """Synthetic cases straight into the tables (no history: this is load, not life)."""
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Case
    from zvhd.network import demo
    from zvhd.network.models import Municipality, Organisation, User

    call_command("migrate", "--noinput", verbosity=0)
    demo.seed(stdout=io.StringIO(), rng=random.Random(1))
    have = Case.objects.count()
    if have >= total:
        print(f"seed: {have} cases present")
        return
    rng = random.Random(42)
    municipalities = list(Municipality.objects.values_list("pk", flat=True))
    organisations = list(Organisation.objects.partners().values_list("pk", flat=True))
    regisseur = User.objects.get(username="regisseur")
    directors = [regisseur.pk, *_synthetic_directors(regisseur.organisation)]
    programmes = _programme_ids()
    tags = random.Random(7)  # its own stream: the cases stay what they were
    start = time.perf_counter()
    batch = 100_000
    with connection.cursor() as c:
        raw = c.cursor
        c.execute("SELECT COALESCE(MAX(id), 0) FROM cases_person")
        next_person = c.fetchone()[0] + 1
        c.execute("SELECT COALESCE(MAX(id), 0) FROM cases_case")
        next_case = c.fetchone()[0] + 1
        todo = total - have
        while todo > 0:
            n = min(batch, todo)
            persons, cases, periods = [], [], []
            for i in range(n):
                pid, cid = next_person + i, next_case + i
                municipality = rng.choice(municipalities)
                registered = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(
                    minutes=int((cid / (have + total)) * 10.9 * 365 * 24 * 60)
                )
                roll = rng.random()
                status = (
                    "in_triage"
                    if roll < 0.01
                    else "aangemeld"
                    if roll < 0.015
                    else OTHER_DECISIONS[int(roll * 1000) % len(OTHER_DECISIONS)]
                    if roll < 0.06
                    else "actief"
                    if roll < 0.15
                    else "afgesloten"
                )
                directed = status in ("actief", "afgesloten")
                # Lead-time dates (issue 20): the triage decision 0-13 days after the
                # registration, the start 7 days after it (as before) or on the decision day
                # when that came later; no decision yet while registered or in triage.
                decided = status not in ("aangemeld", "in_triage")
                triaged = (registered + timedelta(days=rng.randrange(14))).date()
                triaged = triaged if decided else None
                started = (
                    max((registered + timedelta(days=7)).date(), triaged) if directed else None
                )
                closed = (started + timedelta(days=200)) if status == "afgesloten" else None
                if closed and closed > date.today():
                    status, closed = "actief", None  # still running
                if directed and programmes and tags.random() < 0.2:
                    periods.extend(
                        (cid, period)
                        for period in _periods(tags, programmes, started, closed, regisseur.pk)
                    )
                persons.append(
                    (
                        pid,
                        f"Voornaam{pid % 997}",
                        f"Achternaam{pid % 7919}",
                        date(1950 + pid % 60, 1 + pid % 12, 1 + pid % 28),
                        "onbekend",
                        "",
                        municipality,
                        "",
                        "",
                        "",
                        "",
                        "",
                    )
                )
                cases.append(
                    (
                        cid,
                        f"{registered.year}-{cid:07d}",
                        pid,
                        status,
                        rng.choice(["maatwerk", "pga"]) if directed else "",
                        rng.choice(organisations),
                        regisseur.pk,
                        "Bench Aanmelder",
                        "bench@bench.example",
                        "",
                        "",
                        municipality,
                        "Reden",
                        "Doel",
                        "multiproblematiek",
                        "t",
                        "",
                        "normaal",
                        "",
                        "",
                        "",
                        registered.isoformat(),
                        triaged,
                        started,
                        closed,
                        None,
                        "doel_bereikt" if closed else "",
                        None,
                        rng.choice(directors) if directed else None,
                        None,
                        None,
                        None,
                        1,
                        registered.isoformat(),
                        None,
                        None,
                        "",
                        "t" if cid % 4 == 0 else "f",  # the recorded cross-municipal flag
                    )
                )
            _copy(
                raw,
                "cases_person",
                [
                    "id",
                    "first_name",
                    "last_name",
                    "birth_date",
                    "gender",
                    "bsn",
                    "municipality_id",
                    "address",
                    "postcode",
                    "city",
                    "phone",
                    "email",
                ],
                persons,
            )
            _copy(
                raw,
                "cases_case",
                [
                    "id",
                    "number",
                    "person_id",
                    "status",
                    "kind",
                    "registering_organisation_id",
                    "registered_by_id",
                    "registrant_name",
                    "registrant_email",
                    "registrant_phone",
                    "municipal_domain",
                    "municipality_id",
                    "reason",
                    "desired_outcome",
                    "topic",
                    "person_informed",
                    "not_informed_reason",
                    "urgency",
                    "origin",
                    "origin_url",
                    "screening_notes",
                    "registered_at",
                    "triaged_on",
                    "started_on",
                    "closed_on",
                    "review_on",
                    "closing_reason",
                    "handed_over_to_id",
                    "director_id",
                    "support_id",
                    "guide_id",
                    "group_id",
                    "version",
                    "registration_notified_at",
                    "decision_notified_at",
                    "review_reminded_for",
                    "legal_purpose",
                    "cross_municipal",
                ],
                cases,
            )
            _copy(
                raw,
                "programmes_caseprogramme",
                [
                    "version",
                    "case_id",
                    "programme_id",
                    "started_on",
                    "ended_on",
                    "added_by_id",
                    "added_at",
                ],
                [(1, cid, *period) for cid, period in periods],
            )
            next_person += n
            next_case += n
            todo -= n
        c.execute("SELECT setval('cases_person_id_seq', (SELECT MAX(id) FROM cases_person))")
        c.execute("SELECT setval('cases_case_id_seq', (SELECT MAX(id) FROM cases_case))")
        # As autovacuum would soon after such a load: statistics, and the visibility map that
        # lets the start panels count from an index alone.
        c.execute("VACUUM ANALYZE cases_case")
        c.execute("VACUUM ANALYZE cases_person")
        c.execute("VACUUM ANALYZE programmes_caseprogramme")
    print(f"seed: {total - have} cases copied in {time.perf_counter() - start:.1f} s")


def measure(client, url: str, requests: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": queries,
        "counts": counts,
    }


def run(argv: list[str]) -> None:
    _setup()
    total = int(argv[argv.index("--cases") + 1]) if "--cases" in argv else 100_000
    requests = int(argv[argv.index("--requests") + 1]) if "--requests" in argv else 200
    _ensure_database(os.environ["DATABASE_URL"])
    seed(total)

    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cases.models import Case
    from cases.worklists import mine
    from zvhd.network.models import User

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    director = User.objects.get(username="regisseur")
    contact = User.objects.get(username="gemeente.assen")
    own = Case.objects.filter(director=director).order_by("-pk").values_list("pk", flat=True)[0]
    assen = (
        Case.objects.filter(municipality=contact.municipality)
        .order_by("-pk")
        .values_list("pk", flat=True)[0]
    )
    print(f"cases: {Case.objects.count()} · requests per page: {requests}")
    print(f"load average before: {load_average()}")
    rows = []
    for user, detail in ((director, own), (contact, assen)):
        client = Client()
        client.force_login(user)
        for label, url in (
            ("bare page (foundation)", "/_bench/bare"),
            ("start page (foundation)", "/"),
            ("case list", "/casussen/"),
            ("case list, page 2 (keyset)", None),
            ("triage queue", "/casussen/triage/"),
            ("case detail", f"/casussen/{detail}/"),
        ):
            if url is None:
                before = (
                    Case.objects.visible_to(user).order_by("-pk").values_list("pk", flat=True)[25]
                )
                url = f"/casussen/?voor={before}"
            result = measure(client, url, requests)
            rows.append((user.username, label, result))
        # The export of the reader's own list (zvhd.exports): every page of it in one file,
        # at most 5,000 rows, and one access-log row per case in it (one INSERT). Fewer
        # requests: each writes a workbook and its log rows.
        exported = Case.objects.visible_to(user).filter(mine(user)).count()
        result = measure(client, "/casussen/mijn/export/", max(5, requests // 20))
        rows.append((user.username, f"export of Mijn casussen ({exported} cases)", result))
    print(f"load average after: {load_average()}")
    print()
    print("| user | page | p50 ms | p95 ms | queries | COUNT queries |")
    print("|---|---|---:|---:|---:|---|")
    for username, label, r in rows:
        counts = "; ".join(s[:60] for s in r["counts"]) or "none"
        print(
            f"| {username} | {label} | {r['p50']:.1f} | {r['p95']:.1f} "
            f"| {r['queries']} | {counts} |"
        )


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
