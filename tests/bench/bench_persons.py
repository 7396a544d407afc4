"""The person register's matcher: precision and recall on generated persons with injected
typos, and the time of one search at scale (issue 21 part 2).

    python -m tests.bench.bench_persons [--persons 10000] [--queries 2000] [--absent 500]
    make bench BENCH_ARGS="persons --persons 1000000"

Fills its own database (`zvhd_bench_persons`, or BENCH_DATABASE_URL) with COPY up to
`--persons` register persons (tests/persons/generate.py: fictitious names, random birth dates;
a second run with a larger number adds to what is there), then asks `--queries` typo queries
about persons in the register (one typo class each: a letter doubled, dropped or replaced,
accents dropped, day and month swapped, the tussenvoegsel left out) and `--absent` queries
about persons who are not in it. Counts the top candidate above the threshold: recall =
found / asked about someone present; precision = right / answered. Prints per typo class,
the p50/p95 of one `candidates()` call (what the intake check runs), the same for the first 100
names asked without their birth date, and the load average.
"""

from __future__ import annotations

import io
import os
import random
import statistics
import time

from tests.bench.server import load_average

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_persons"


def _setup():
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-that-is-long-enough-0123456789")
    os.environ.setdefault("REDIS_URL", "")
    os.environ.setdefault("ALLOW_PROCESS_LOCAL_CACHE", "true")
    import django

    django.setup()


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def seed(total: int, rng: random.Random) -> None:
    from django.core.management import call_command
    from django.db import connection

    from persons.models import Person
    from persons.normalise import first_name_key, last_name_key
    from tests.persons.generate import random_person

    call_command("migrate", "--noinput", verbosity=0)
    have = Person.objects.count()
    started = time.perf_counter()
    batch = 100_000
    while have < total:
        n = min(batch, total - have)
        buffer = io.StringIO()
        for _ in range(n):
            p = random_person(rng)
            first, last = p["first_name"], p["last_name"]
            buffer.write(
                f"{first}\t{last}\t{p['birth_date']:%Y-%m-%d}\t\tonbekend\t"
                f"{first_name_key(first)}\t{last_name_key(last)}\t2026-01-01 00:00:00+00\n"
            )
        buffer.seek(0)
        with connection.cursor() as cursor:
            columns = (
                "first_name, last_name, birth_date, bsn, gender, first_key, last_key, created_at"
            )
            with cursor.copy(f"COPY persons_person ({columns}) FROM STDIN") as copy:
                copy.write(buffer.read())
        have += n
        print(
            f"  {have:,} persons ({time.perf_counter() - started:.0f} s)".replace(",", "."),
            flush=True,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE persons_person")


def run(argv: list[str]) -> None:
    _setup()

    def arg(name, default):
        return int(argv[argv.index(name) + 1]) if name in argv else default

    total, asked, absent = arg("--persons", 10_000), arg("--queries", 2000), arg("--absent", 500)
    _ensure_database(os.environ["DATABASE_URL"])
    rng = random.Random(2126)
    seed(total, rng)

    from persons.models import Person
    from persons.search import THRESHOLD, candidates
    from tests.persons.generate import random_person, typo

    count = Person.objects.count()
    # The queries are about persons drawn from the whole register.
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:asked])
    people = list(Person.objects.filter(pk__in=ids))
    queries = []
    for person in people:
        query, kind = typo(rng, person)
        queries.append((query, person.pk, kind))
    # The absent persons come from a stream of their own: drawn from `rng` they would be the
    # very persons a first run generated, when a second run finds the register already filled.
    elsewhere = random.Random(f"afwezig-{count}")
    for _ in range(absent):
        queries.append((random_person(elsewhere), None, "afwezig"))
    print(f"persons: {count:,} · queries: {len(queries)} · threshold {THRESHOLD}".replace(",", "."))
    print(f"load average before: {load_average()}")
    per_kind: dict[str, list[int]] = {}
    right = wrong = missed = 0
    timings = []
    for query, expected, kind in queries:
        started = time.perf_counter()
        found = candidates(**query, limit=1)
        timings.append((time.perf_counter() - started) * 1000)
        got = found[0].person_id if found else None
        stats = per_kind.setdefault(kind, [0, 0, 0, 0])  # right, wrong, missed, asked
        stats[3] += 1
        if got is None:
            if expected is not None:
                missed += 1
                stats[2] += 1
        elif got == expected:
            right += 1
            stats[0] += 1
        else:
            wrong += 1
            stats[1] += 1
            if expected is not None:
                missed += 1
    # The same names without a birth date (the search page allows it): the trigram index
    # alone narrows a million persons, so these are timed apart.
    name_only = []
    for query, _expected, _kind in queries[: min(100, len(queries))]:
        started = time.perf_counter()
        candidates(first_name=query.get("first_name", ""), last_name=query["last_name"], limit=1)
        name_only.append((time.perf_counter() - started) * 1000)
    name_only.sort()
    present = len(people)
    recall = right / present if present else 0
    precision = right / (right + wrong) if right + wrong else 1
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"recall {recall:.3f} · precision {precision:.3f} "
        f"(right {right}, wrong {wrong}, missed {missed})"
    )
    print("| typo class | queries | right | wrong | missed |")
    print("|---|---:|---:|---:|---:|")
    for kind, (r, w, m, n) in sorted(per_kind.items()):
        print(f"| {kind} | {n} | {r} | {w} | {m} |")
    print(f"search: p50 {p50:.1f} ms · p95 {p95:.1f} ms · max {timings[-1]:.1f} ms")
    print(
        f"without birth date ({len(name_only)}): p50 {statistics.median(name_only):.1f} ms · "
        f"p95 {name_only[int(len(name_only) * 0.95) - 1]:.1f} ms · max {name_only[-1]:.1f} ms"
    )
    print(f"load average after: {load_average()}")


if __name__ == "__main__":
    import sys

    run(sys.argv[1:])
