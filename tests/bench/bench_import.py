"""Import of 10,000 cases (and 10,000 advice records) from the previous system: dry run, real
run, and the re-run no-op.

    python -m tests.bench.bench_import [--rows 10000]
    make bench BENCH_ARGS="import"

Uses its own PostgreSQL database (`zvhd_bench_import`, or BENCH_IMPORT_DATABASE_URL), made
fresh each run so the numbers are comparable. Target (issue 9): the real run under a minute.
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
from datetime import date, timedelta

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_import"


def _setup() -> str:
    url = os.environ.get("BENCH_IMPORT_DATABASE_URL", DEFAULT_DB)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    import django

    django.setup()
    return url


def make_file(rows: int, rng: random.Random) -> bytes:
    from cases.imports import COLUMNS
    from zvhd.network.models import Municipality, Organisation

    orgs = [o for o in Organisation.objects.exclude(kind="zvhd") if o.kind != "gemeente"]
    municipalities = list(Municipality.objects.values_list("name", flat=True))
    lines = [";".join(COLUMNS)]
    for n in range(rows):
        registered = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
        decision = rng.choice(["maatwerk", "pga", "ondersteuning", "advies", "niet_opgepakt"])
        decided = registered + timedelta(days=rng.randrange(1, 20))
        direction = decision in ("maatwerk", "pga")
        closes = decision in ("maatwerk", "pga", "ondersteuning")
        closed = decided + timedelta(days=rng.randrange(30, 700)) if closes else None
        values = {
            "external_id": f"BENCH-{n}",
            "registration_date": registered.isoformat(),
            "registering_organisation": rng.choice(orgs).name,
            "registering_domain": "",
            "municipality": rng.choice(municipalities),
            "last_name": f"Achternaam{n}",
            "first_names": "Jan",
            "birth_date": (date(1950, 1, 1) + timedelta(days=rng.randrange(20000))).isoformat(),
            "gender": rng.choice(["m", "v", "x", "onbekend"]),
            "bsn": "",
            "decision": decision,
            "decision_date": decided.isoformat(),
            "direction_start_date": decided.isoformat() if direction else "",
            "closed_date": closed.isoformat() if closed else "",
            "closing_reason": "doel_bereikt" if closed else "",
            "problem_areas": "psychisch|schulden",
            "main_topic": "multiproblematiek",
            "cross_municipal": rng.choice(["ja", "nee", ""]),
            "process_director": "",
        }
        lines.append(";".join(values[c] for c in COLUMNS))
    return ("\n".join(lines) + "\n").encode()


def make_advice_file(rows: int, rng: random.Random) -> bytes:
    from advice.imports import COLUMNS, KINDS
    from advice.models import Topic
    from zvhd.network.models import Municipality, Organisation

    orgs = list(Organisation.objects.exclude(kind="zvhd").values_list("name", flat=True))
    municipalities = [*Municipality.objects.values_list("name", flat=True), ""]
    topics = [*Topic.objects.values_list("code", flat=True), ""]
    lines = [";".join(COLUMNS)]
    for n in range(rows):
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))
        values = [f"BENCH-A{n}", day.isoformat(), rng.choice(list(KINDS)), rng.choice(orgs)]
        lines.append(";".join([*values, rng.choice(municipalities), rng.choice(topics)]))
    return ("\n".join(lines) + "\n").encode()


def _peak_rss_mb() -> float:
    """This process's peak resident memory so far (the import runs in it, as in a worker)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(argv: list[str]) -> None:
    rows = 10000
    if "--rows" in argv:
        rows = int(argv[argv.index("--rows") + 1])
    _setup()
    from django.core.management import call_command

    from cases.imports import CaseImporter
    from cases.models import Case
    from zvhd.imports.framework import run_import
    from zvhd.imports.services import import_account
    from zvhd.network import demo

    call_command("migrate", "--noinput", verbosity=0)
    demo.seed(stdout=io.StringIO(), rng=random.Random(1))
    content = make_file(rows, random.Random(9))
    who = import_account()
    # CPU seconds of this process (not of the PostgreSQL server) next to the wall clock: on a
    # shared machine the wall clock mostly measures the neighbours.
    print(
        "| run | rows | seconds | cpu s (python) | created | skipped | problems | peak RSS MB |\n"
        "|---|---|---|---|---|---|---|---|"
    )
    for label, dry in (("dry run", True), ("import", False), ("re-import", False)):
        started, cpu = time.monotonic(), time.process_time()
        result = run_import(CaseImporter(imported_by=who), content, "bench.csv", dry_run=dry)
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
        print(
            f"| {label} | {result.total} | {seconds:.1f} | {cpu:.1f} | {result.created} "
            f"| {result.skipped} | {result.problem_count} | {_peak_rss_mb():.0f} |",
            flush=True,
        )
    print(f"cases in the database: {Case.objects.count()}")

    from advice.imports import AdviceImporter
    from advice.models import AdviceRecord

    content = make_advice_file(rows, random.Random(9))
    print(f"\nAdvice records, {rows} rows:")
    for label, dry in (("dry run", True), ("import", False), ("re-import", False)):
        started, cpu = time.monotonic(), time.process_time()
        result = run_import(AdviceImporter(imported_by=who), content, "advice.csv", dry_run=dry)
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
        print(
            f"| {label} | {result.total} | {seconds:.1f} | {cpu:.1f} | {result.created} "
            f"| {result.skipped} | {result.problem_count} |",
            flush=True,
        )
    print(f"advice records in the database: {AdviceRecord.objects.count()}")


if __name__ == "__main__":
    run(sys.argv[1:])
