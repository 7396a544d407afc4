"""The timeline of one case with 500 entries (issue 19: p95 ≤ 100 ms).

    python -m tests.bench.bench_timeline [--entries 500] [--requests 100]
    make bench BENCH_ARGS="timeline"

Uses its own PostgreSQL database (`zvhd_bench_timeline`, or BENCH_TIMELINE_DATABASE_URL),
migrated on the first run. Everything the benchmark makes (users, the case and its entries)
is made through the services inside one transaction that is rolled back at the end, so a run
leaves the database as it found it and the next run measures the same thing.

The entries come from every source the cases app registers (transitions, enrichment, team,
plan, goals, meetings, actions, escalations). Other apps add their own entry makers to
`ENTRY_MAKERS` (the journal and the documents of issue 19 parts 1-2): a function
`(case, people, n) -> None` that adds about `n` entries through that app's services.

Per page it prints the wall time (p50, p95, and p95 as a multiple of the bare page's p95 in
the same run), the queries of one request and the CPU time per request of this process and
of its PostgreSQL backend (/proc): on a shared machine the wall time includes the wait for a
core; the CPU time is what the page costs.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_timeline"
TARGET_P95_MS = 100


def _setup(database_url: str | None = None) -> None:
    """Django in this process against its own bench database, migrated, DEBUG off, sessions
    and cache in Redis as in production (also used by bench_login.py)."""
    os.environ["DATABASE_URL"] = database_url or os.environ.get(
        "BENCH_TIMELINE_DATABASE_URL", DEFAULT_DB
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
    os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("BENCH_PAGES", "true")  # mounts /_bench/bare (zvhd/bench_views.py)
    os.environ.setdefault(
        "REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    )
    from tests.bench.bench_cases import _ensure_database

    _ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)


def _cases_entries(case, people, n: int) -> None:
    """About `n` entries of the cases app's own kinds, in rounds of nine."""
    from django.utils import timezone

    from cases import services
    from cases.models import ActionStatus, LegalBasis

    director, partner, liaison = people["director"], people["partner"], people["liaison"]
    basis = LegalBasis.objects.filter(active=True).order_by("pk").first()
    due = timezone.localdate() + timedelta(days=30)
    for i in range(max(1, n // 9)):  # nine entries a round
        for shared in ("team", "zvhd"):
            services.add_enrichment(
                case=case,
                added_by=liaison,
                text=f"Informatie {i} " * 20,
                shared_with=shared,
                legal_basis=basis,
                purpose="Gezamenlijke aanpak",
            )
        services.add_goal(
            case=case, added_by=director, life_domain="wonen", description=f"Doel {i}"
        )
        for organisation in (partner.organisation, liaison.organisation):
            action = services.add_action(
                case=case,
                added_by=director,
                description=f"Actie {i}",
                owner_organisation=organisation,
                due_on=due,
            )
            services.set_action_status(
                action=action, changed_by=director, status=ActionStatus.IN_PROGRESS
            )
        services.record_meeting(
            case=case,
            recorded_by=director,
            date=timezone.localdate(),
            notes="Verslag " * 30,
            decisions="Besluit",
        )
        services.save_plan(
            case=case,
            saved_by=director,
            summary=f"Analyse versie {i}",
            review_on=None,
            expected_version=None,
        )


def _journal_entries(case, people, n: int) -> None:
    from django.utils import timezone

    from casefile import services

    for i in range(n):
        services.add_journal_entry(
            case=case,
            author=people["director"] if i % 2 else people["partner"],
            kind="telefoon" if i % 3 else "huisbezoek",
            occurred_at=timezone.now() - timedelta(hours=i),
            text=f"Contact {i}: " + "afspraak gemaakt. " * 10,
            audience="team" if i % 4 else "bureau",
        )


DOCUMENTS = 100  # the case: 500 entries and 100 documents


def _documents(case, people, _n: int) -> None:
    import tempfile

    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casefile import services
    from casefile.demo import tiny_pdf

    settings.DOCUMENTS_ROOT = tempfile.mkdtemp(prefix="zvhd-bench-documents-")
    for i in range(DOCUMENTS):
        services.add_document(
            case=case,
            uploaded_by=people["partner"],
            kind="rapport",
            title=f"Rapport {i}",
            upload=SimpleUploadedFile(f"rapport-{i}.pdf", tiny_pdf(f"Rapport {i}")),
            audience="team" if i % 2 else "bureau",
        )


# Every app that adds timeline sources adds a maker here: the cases' own sources and the
# journal share the entries; the documents are always DOCUMENTS more (issue 19 parts 1-2).
ENTRY_MAKERS: list[Callable] = [_cases_entries, _journal_entries]
EXTRA_MAKERS: list[Callable] = [_documents]


def _people():
    from tests.factories import UserFactory
    from zvhd.network.models import Municipality, Organisation, Role

    ggz = Organisation.objects.exclude(kind__in=["zvhd", "gemeente"]).order_by("pk").first()
    police = Organisation.objects.exclude(pk=ggz.pk).exclude(kind__in=["zvhd", "gemeente"]).first()
    return {
        "director": UserFactory(username="bench-regisseur", roles=[Role.PROCESREGISSEUR]),
        "partner": UserFactory(
            username="bench-partner", roles=[Role.PARTNERPROFESSIONAL], organisation=ggz
        ),
        "liaison": UserFactory(username="bench-liaison", roles=[Role.LIAISON], organisation=police),
        "municipality": Municipality.objects.order_by("pk").first(),
    }


def _backend_cpu_seconds(pid: int | None) -> float | None:
    """CPU time (user + system) of the PostgreSQL backend serving this process, from /proc:
    only when the server runs on this machine (it does for the benchmarks)."""
    if pid is None:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(client, url: str, requests: int) -> dict:
    """p50/p95 wall time, the queries of one request, and the CPU time per request of this
    process and of its PostgreSQL backend: on a machine shared with other work the wall time
    waits for a core, the CPU time does not (it is what a quiet machine would take, minus the
    waits for the disk and the network)."""
    from django.db import connection

    for _ in range(5):
        assert client.get(url).status_code == 200, url
    executed = []
    with connection.execute_wrapper(
        lambda call, sql, *rest: executed.append(sql) or call(sql, *rest)
    ):
        client.get(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    times = []
    cpu, db = time.process_time(), _backend_cpu_seconds(pid)
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    cpu = (time.process_time() - cpu) * 1000 / requests
    after = _backend_cpu_seconds(pid)
    db = None if db is None or after is None else (after - db) * 1000 / requests
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": len(executed),
        "cpu": cpu,
        "db": db,
    }


def run(argv: list[str]) -> None:
    _setup()
    entries = int(argv[argv.index("--entries") + 1]) if "--entries" in argv else 500
    requests = int(argv[argv.index("--requests") + 1]) if "--requests" in argv else 100

    from django.conf import settings
    from django.db import transaction
    from django.test import Client
    from django.test.utils import setup_test_environment

    from cases import timeline
    from cases.models import Status
    from tests.bench.server import load_average
    from tests.cases.factories import make_case

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    with transaction.atomic():
        people = _people()
        case = make_case(
            registered_by=people["partner"],
            municipality=people["municipality"],
            status=Status.ACTIEF,
            director=people["director"],
            team=[people["partner"]],
            invited=[people["liaison"].organisation],
        )
        start = time.perf_counter()
        share = entries // len(ENTRY_MAKERS)
        for make in ENTRY_MAKERS:
            make(case, people, share)
        for make in EXTRA_MAKERS:
            make(case, people, 0)
        made = len(timeline.timeline(case, people["director"]))
        print(f"case {case.number}: {made} entries made in {time.perf_counter() - start:.1f} s")
        print(f"load average before: {load_average()}")
        url = f"/casussen/{case.pk}/tijdlijn/"
        rows = []
        # The bare page (middleware, session, base template) and the case's history tab are
        # the yardsticks: on a loaded machine the ratio says more than the milliseconds.
        for who, label, page in (
            ("director", "bare page (foundation)", "/_bench/bare"),
            ("director", "case history tab (existing page)", f"/casussen/{case.pk}/geschiedenis/"),
            ("director", "timeline, newest 50", url),
            ("director", "timeline, last page", url + "?page=999"),
            ("director", "timeline, kind filter (actie)", url + "?soort=actie"),
            ("partner", "timeline, newest 50 (partner)", url),
        ):
            client = Client()
            client.force_login(people[who])
            rows.append((label, measure(client, page, requests)))
        print(f"load average after: {load_average()}")
        print()
        bare = rows[0][1]
        print(
            f"| page ({made} entries) | p50 ms | p95 ms | p95 ÷ bare p95 | queries "
            "| CPU ms Django | CPU ms PostgreSQL |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, r in rows:
            db = "" if r["db"] is None else f"{r['db']:.1f}"
            print(
                f"| {label} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p95'] / bare['p95']:.1f} "
                f"| {r['queries']} | {r['cpu']:.1f} | {db} |"
            )
        worst = max(r["p95"] for label, r in rows if label.startswith("timeline"))
        print(f"\nworst p95 {worst:.1f} ms; target ≤ {TARGET_P95_MS} ms")
        transaction.set_rollback(True)


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
