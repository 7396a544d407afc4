"""The page-speed matrix (issue 24): every page of every role, at 1,000,000 cases.

    make bench BENCH_ARGS="matrix"                      # 1,000,000 cases, 20 requests a page
    make bench BENCH_ARGS="matrix --cases 10000 --requests 5"
    make bench BENCH_ARGS="matrix --baseline var/bench_matrix_zvhd_bench_matrix_10k.json"
    make bench BENCH_ARGS="matrix --only start,casussen/ --roles regisseur,gemeente.assen"
    make bench BENCH_ARGS="matrix --write"              # the table into BENCHMARKS.md
    make bench BENCH_ARGS="matrix --no-seed --only cases:exchanges"   # no migrate, no seed

Seeds its own database (`zvhd_bench_matrix`, or BENCH_DATABASE_URL) once: the demo, the cases
by COPY (bench_cases.py) and every app's records multiplied in the database (matrix_seed.py).
Then it walks the URL resolver as the IDOR probe does (tests/ops/test_idor_probe.py): every
URL pattern, for every demo account (one per role) and an anonymous visitor, filled with
the newest record of the pattern's model that the account may see (`visible_to`, the door).
A page a role may not open (403, 404, a redirect, 405 for a POST-only action) is not measured
for that role; every page that answers 200 gets W warm-up requests, one with its queries
counted, and N measured ones (fewer for a slow page: about 10 s a page and role, at least 5;
3 for one over 2 s; a statement over --timeout seconds, default 15, fails the page),
in-process with Django's test client like bench_cases (DEBUG off, sessions and cache in
Redis: BENCH_REDIS_URL, default database 11). The bare page
(`/_bench/bare`) is measured at the start and again every 25 pages, and each page's p50 is
given as a ratio to the bare page measured last: on a shared machine the ratio and the query
counts are the numbers to compare, the milliseconds come with the load average printed before
and after.

As a gunicorn worker does after its warm-up, the process first compiles the templates and
freezes what it holds out of garbage collection (zvhd.warmup.settle). A page that reads what a
scheduled task keeps up to date (SCHEDULED_BEFORE: the access review's daily summaries) gets
that task run just before it, as beat would have: the matrix runs no beat.

The results are kept as JSON in var/ (per database); `--baseline` compares the query counts
with an earlier run at another size and marks each page whose count differs ("grows"). A page
that answers 500 is reported, not measured.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

from tests.bench.server import load_average

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/zvhd_bench_matrix"
DEFAULT_REDIS = "redis://127.0.0.1:6379/11"
ROOT = Path(__file__).resolve().parents[2]
SLOW_MS = 2000  # a page slower than this on its first request is measured 3 times only
BUDGET_MS = 10_000
BARE_EVERY = 25

# Not pages of the product: allauth's own (the login page is measured, anonymously), the
# Django admin, the bare page itself (measured apart).
SKIP_PREFIXES = ("account/", "technisch-beheer/", "_bench/")
# Pages that read what a scheduled task (Celery beat, settings.CELERY_BEAT_SCHEDULE) keeps up
# to date: the task runs once just before the page is measured, as beat would have run it.
# The matrix runs no beat, and writes the access log at a pace no house does (every export
# a row per record: ~600,000 reads in one run), all of it still "today" for the review.
SCHEDULED_BEFORE = {
    "privacy:access_review": "zvhd.privacy.tasks.summarize_access_review_days",
}
ANONYMOUS_PAGES = {"account_login", "healthz", "account_reset_password"}


def _setup() -> None:
    os.environ.setdefault("BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("BENCH_REDIS_URL", DEFAULT_REDIS)
    os.environ["REDIS_URL"] = os.environ["BENCH_REDIS_URL"]
    os.environ["DEBUG"] = "false"  # measured as served, whatever the shell exports
    from tests.bench import bench_cases

    bench_cases._setup()


def _arg(argv, name, default):
    return argv[argv.index(name) + 1] if name in argv else default


def walk(patterns, prefix="", namespace=""):
    """(route, URL name with namespace, pattern) for every pattern of the resolver."""
    from django.urls import URLPattern, URLResolver

    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "?"), pattern


def _arguments(route: str) -> list[tuple[str, str]]:
    """(converter, name) of each argument of a route."""
    return re.findall(r"<(\w+):(\w+)>", route)


class Records:
    """The record a user opens a page with: the newest one the door lets through.

    A case is preferred among those the seed gave children (every 8th synthetic case has
    goals, meetings, a journal and documents: matrix_seed.py), so a case page is measured
    on a case with something in it, at every size alike.
    """

    def __init__(self):
        self.cache = {}

    def newest(self, model, user, **filters):
        key = (model, user.pk if user else None, repr(sorted(filters.items())))
        if key not in self.cache:
            qs = model.objects.visible_to(user).filter(**filters) if user else None
            obj = None
            if qs is not None:
                if model.__name__ == "Case" and model._meta.app_label == "cases":
                    from django.db.models import F

                    obj = qs.annotate(_every=F("pk") % 8).filter(_every=0).order_by("-pk").first()
                obj = obj or qs.order_by("-pk").first()
            self.cache[key] = obj
        return self.cache[key]


def _this_year_minus_one() -> int:
    from django.utils import timezone

    return timezone.localdate().year - 1


def fill(route, name, view, user, records: Records) -> dict | None:
    """The URL arguments for `user`, or None when there is no record for them."""
    args = _arguments(route)
    if not args:
        return {}
    from django.apps import apps

    special = SPECIAL.get(name)
    if special is not None:
        return special(user, records)
    model = getattr(view, "model", None)
    if model is None:
        return None
    if hasattr(model.objects, "visible_to"):
        obj = records.newest(model, user)
    else:  # reference data of the beheer pages: the role decides, not a door
        obj = model._default_manager.order_by("-pk").first()
    if obj is None:
        return None
    kwargs = {}
    for _converter, arg in args:
        if arg == getattr(view, "pk_url_kwarg", "pk"):
            kwargs[arg] = obj.pk
        elif arg == getattr(view, "slug_url_kwarg", None) and hasattr(obj, view.slug_field):
            kwargs[arg] = getattr(obj, view.slug_field)
        elif arg == "year" and hasattr(obj, "year"):
            kwargs[arg] = obj.year
        elif arg.endswith(("_pk", "_id")) and hasattr(obj, arg[:-3] + "_id"):
            kwargs[arg] = getattr(obj, arg[:-3] + "_id")
        elif hasattr(obj, arg):
            kwargs[arg] = getattr(obj, arg)
        else:
            return None
    del apps
    return kwargs


def _first(model_path: str, user, records, **filters):
    from django.apps import apps

    model = apps.get_model(model_path)
    if hasattr(model.objects, "visible_to"):
        return records.newest(model, user, **filters)
    return model.objects.filter(**filters).order_by("-pk").first()


def _pk_of(model_path):
    def special(user, records):
        obj = _first(model_path, user, records)
        return {"pk": obj.pk} if obj else None

    return special


def _year(user, records):
    return {"year": _this_year_minus_one()}


def _condition(user, records):
    obj = _first("aftercare.Condition", user, records)
    return {"pk": obj.record_id, "condition_pk": obj.pk} if obj else None


def _period(user, records):
    """A programme period of a case the user may change (the pages edit it), found case
    first among the newest 500 periods: `CaseProgramme.objects.visible_to(user)
    .order_by("-pk")` took 4-15 s at 1M (no page asks it: the pages filter on one case)."""
    from cases.models import Case
    from programmes.models import CaseProgramme
    from zvhd.permissions import CHANGE

    newest = CaseProgramme.objects.order_by("-pk").values("case_id")[:500]
    case = Case.objects.visible_to(user, CHANGE).filter(pk__in=newest).order_by("-pk").first()
    if case is None:
        return None
    obj = CaseProgramme.objects.filter(case=case).order_by("-pk").first()
    return {"pk": obj.case_id, "period": obj.pk}


def _destruction_item(user, records):
    obj = _first("privacy.DestructionItem", user, records)
    return {"pk": obj.destruction_list_id, "item": obj.pk} if obj else None


def _vocabulary(user, records):
    obj = _first("network.Term", None, records)
    return {"vocabulary": obj.vocabulary} if obj else None


def _municipality_slug(user, records):
    from django.utils.text import slugify

    from zvhd.network.models import Municipality

    m = user and user.municipality or Municipality.objects.order_by("pk").first()
    return {"slug": getattr(m, "slug", None) or slugify(m.name)}


def _registration_number(user, records):
    obj = _first("cases.Case", user, records)
    return {"number": obj.number} if obj else None


def _export_csv(user, records):
    return {"year": _this_year_minus_one(), "slug": "basiscijfers"}


def _case_in_triage(user, records):
    obj = _first("cases.Case", user, records, status__in=["aangemeld", "in_triage"])
    return {"pk": obj.pk} if obj else None


SPECIAL = {
    "aftercare:condition": _condition,
    "programmes:case_edit": _period,
    "programmes:case_remove": _period,
    "privacy:destruction_exclude": _destruction_item,
    "network:term_create": _vocabulary,
    "advice:municipality_contact": _municipality_slug,
    "api:registration_detail": _registration_number,
    "api:key_figures": lambda u, r: {"year": str(_this_year_minus_one())},
    "reports:export_csv": _export_csv,
    "reports:export_xlsx": _year,
    "reports:annual_report": _year,
    "reports:texts": _year,
    "reports:snapshot": _year,
    "reports:document_request": _year,
    "risk:instrument_edit": _pk_of("risk.Instrument"),
    "risk:flag_kind_edit": _pk_of("risk.FlagKind"),
    "tables:kind_edit": _pk_of("tables.TableKind"),
    "cases:legal_basis_edit": _pk_of("cases.LegalBasis"),
    "privacy:retention_term_edit": _pk_of("privacy.RetentionPolicy"),
    "cases:screen": _case_in_triage,
    "cases:triage": _case_in_triage,
    "cases:withdraw": _case_in_triage,
    "cases:enrich": _case_in_triage,
}


def build_url(route: str, kwargs: dict) -> str:
    url = "/" + route
    for name, value in kwargs.items():
        url = re.sub(rf"<\w+:{name}>", str(value), url)
    return url


def measure(client, url: str, requests: int, warmup: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    t = time.perf_counter()
    first = client.get(url)
    first_ms = (time.perf_counter() - t) * 1000
    if first.status_code != 200:
        return {"status": first.status_code, "first": first_ms}
    if first_ms > SLOW_MS:
        requests, warmup = 3, 0
    else:  # a slow page gets fewer requests: at most ~BUDGET_MS a page and role, at least 5
        requests = min(requests, max(5, int(BUDGET_MS / max(first_ms, 1))))
    for _ in range(warmup):
        client.get(url)
    # Queries: the fewer of two requests, so a cache refilled once a minute (the filter's
    # choice lists) or the session renewed once a minute is not counted as the page's own.
    sqls = None
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        if sqls is None or len(ctx.captured_queries) < len(sqls):
            sqls = [q["sql"] for q in ctx.captured_queries]
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {
        "status": 200,
        "first": first_ms,
        "p50": statistics.median(times),
        "p95": times[max(0, int(round(len(times) * 0.95)) - 1)],
        "n": len(times),
        "queries": len(sqls),
        "sql": sqls,
    }


def accounts():
    """The demo accounts (one per role; two liaisons) and the anonymous visitor (None)."""
    from zvhd.network.models import User

    users = list(
        User.objects.filter(is_active=True, is_superuser=False)
        .exclude(username__startswith="bench.")
        .order_by("pk")
    )
    return [*users, None]


def report(argv: list[str]) -> None:
    """`--report RESULTS.json [--baseline OTHER.json] [--top N] [--write]`: the table again."""
    result = json.loads(Path(_arg(argv, "--report", "")).read_text())
    baseline = _arg(argv, "--baseline", "")
    if baseline:
        _compare(result["rows"], baseline)
    table = markdown(result, top=int(_arg(argv, "--top", 0)) or None)
    print(table)
    if "--write" in argv:
        write_benchmarks(table)


def _compare(rows, baseline: str) -> None:
    before = {
        (r["page"], r["role"]): r["queries"] for r in json.loads(Path(baseline).read_text())["rows"]
    }
    for row in rows:
        other = before.get((row["page"], row["role"]))
        row["baseline_queries"] = other
        row["grows"] = other is not None and other != row["queries"]


def run(argv: list[str]) -> None:
    if "--report" in argv:
        return report(argv)
    _setup()
    total = int(_arg(argv, "--cases", 1_000_000))
    requests = int(_arg(argv, "--requests", 20))
    warmup = int(_arg(argv, "--warmup", 2))
    only = _arg(argv, "--only", "")
    roles = [r for r in _arg(argv, "--roles", "").split(",") if r]
    baseline = _arg(argv, "--baseline", "")
    from tests.bench import bench_cases, matrix_seed

    bench_cases._ensure_database(os.environ["DATABASE_URL"])
    # --no-seed: a database seeded and migrated by someone else, measured as it is (a branch
    # with a migration of its own must not migrate the shared one).
    if "--no-seed" not in argv:
        matrix_seed.seed_all(total)
    if "--seed-only" in argv:
        return

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import get_resolver

    from cases.models import Case

    # No page may hold the run for minutes: a statement over the timeout fails its request
    # (a 500, reported with its time) instead.
    timeout = int(_arg(argv, "--timeout", 15))
    connection.close()
    options = settings.DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c statement_timeout={timeout * 1000}"

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    database = settings.DATABASES["default"]["NAME"]
    users = accounts()
    if roles:
        users = [u for u in users if (u.username if u else "anoniem") in roles]
    patterns = [
        (route, name, pattern)
        for route, name, pattern in walk(get_resolver().url_patterns)
        if not route.startswith(SKIP_PREFIXES) or name in ANONYMOUS_PAGES
    ]
    if only:  # URL names (exactly) or route prefixes, separated by commas
        wanted = only.split(",")
        patterns = [p for p in patterns if p[1] in wanted or p[0].startswith(tuple(wanted))]
    records = Records()
    clients = {}

    def client_for(user):
        key = user.pk if user else None
        if key not in clients:
            clients[key] = Client(raise_request_exception=False)
            if user:
                clients[key].force_login(user)
        return clients[key]

    bare_user = next(u for u in users if u) if any(users) else accounts()[0]
    cases = Case.objects.count()
    load_before = load_average()
    print(f"cases: {cases:,} · requests per page: {requests} (+{warmup} warm-up)")
    print(f"load average before: {load_before}", flush=True)
    # As a gunicorn worker after its warm-up (zvhd/gunicorn.conf.py): what lives now is left
    # out of garbage collection, so a full collection does not walk it during a page.
    from zvhd.warmup import settle, warm

    warm()
    settle()
    bare = [measure(client_for(bare_user), "/_bench/bare", max(requests, 50), 5)]
    rows, skipped, errors = [], {}, []
    scheduled = dict(SCHEDULED_BEFORE)  # each task once, before the first role's page
    started = time.perf_counter()
    # The load of a shared machine changes within a run: the bare page is measured again
    # every BARE_EVERY pages, and each page's ratio is to the bare page measured last.
    bare_now = bare[0]["p50"]
    since_bare = 0
    for route, name, pattern in patterns:
        view = getattr(pattern.callback, "view_class", None)
        for user in users:
            who = user.username if user else "anoniem"
            if user is None and name not in ANONYMOUS_PAGES:
                continue
            if user is not None and name in ANONYMOUS_PAGES - {"healthz"}:
                continue
            try:
                kwargs = fill(route, name, view, user, records)
            except Exception as error:  # a seed that lacks the record: say so, go on
                kwargs = None
                errors.append(f"{name} {who}: no arguments ({error!r})")
            if kwargs is None:
                skipped.setdefault("no record", []).append(f"{name} {who}")
                continue
            url = build_url(route, kwargs)
            task = scheduled.pop(name, None)
            if task:
                from django.utils.module_loading import import_string

                began = time.perf_counter()
                import_string(task)()
                print(f"  (ran {task} first, as beat does: {time.perf_counter() - began:.1f} s)")
            result = measure(client_for(user), url, requests, warmup)
            if result["status"] != 200:
                skipped.setdefault(str(result["status"]), []).append(f"{name} {who}")
                if result["status"] >= 500:
                    errors.append(
                        f"{name} {who} {url}: {result['status']} after {result['first']:.0f} ms"
                    )
                continue
            rows.append(
                {"page": name, "role": who, "url": url, **result, "ratio": result["p50"] / bare_now}
            )
            since_bare += 1
            if since_bare >= BARE_EVERY:
                again = measure(client_for(bare_user), "/_bench/bare", 20, 2)
                bare.append(again)
                bare_now, since_bare = again["p50"], 0
            print(
                f"  {name:<40} {who:<16} p50 {result['p50']:7.1f}  p95 {result['p95']:7.1f}"
                f"  q {result['queries']:3d}",
                flush=True,
            )
    bare.append(measure(client_for(bare_user), "/_bench/bare", max(requests, 50), 5))
    load_after = load_average()
    if baseline:
        _compare(rows, baseline)
    result = {
        "database": database,
        "cases": cases,
        "requests": requests,
        "load_before": load_before,
        "load_after": load_after,
        "seconds": time.perf_counter() - started,
        "bare": [{k: v for k, v in b.items() if k != "sql"} for b in bare],
        "rows": rows,
        "skipped": skipped,
        "errors": errors,
    }
    out = ROOT / "var" / f"bench_matrix_{database}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1))
    print(f"\nload average after: {load_after}")
    print(f"results: {out}")
    table = markdown(result, top=int(_arg(argv, "--top", 0)) or None)
    print()
    print(table)
    for line in errors:
        print("ERROR", line)
    if "--write" in argv:
        write_benchmarks(table)


def markdown(result: dict, top: int | None = None) -> str:
    bare = result["bare"]
    rows = sorted(result["rows"], key=lambda r: -r["p95"])
    if top:
        rows = rows[:top]
    has_baseline = any("baseline_queries" in r for r in rows)
    lines = [
        f"{result['cases']:,} cases, {result['requests']} requests a page; load average "
        f"before {result['load_before']}, after {result['load_after']}; bare page p50 "
        + f"{min(b['p50'] for b in bare):.1f}-{max(b['p50'] for b in bare):.1f} ms over "
        + f"{len(bare)} measurements (× bare: the page's p50 over the bare page's measured "
        + f"last); {len(result['rows'])} page-role pairs in {result['seconds'] / 60:.0f} min.",
        "",
        "| page | role | p50 ms | p95 ms | req. | queries | × bare |"
        + (" queries at the other size |" if has_baseline else ""),
        "|---|---|---:|---:|---:|---:|---:|" + ("---|" if has_baseline else ""),
    ]
    for r in rows:
        line = (
            f"| {r['page']} | {r['role']} | {r['p50']:.1f} | {r['p95']:.1f} | {r['n']} "
            f"| {r['queries']} "
            f"| {r['ratio']:.1f} |"
        )
        if has_baseline:
            other = r.get("baseline_queries")
            mark = "" if other is None else (f"**{other} (grows)**" if r["grows"] else str(other))
            line += f" {mark} |"
        lines.append(line)
    return "\n".join(lines)


def write_benchmarks(table: str) -> None:
    """Replace the table between the matrix markers of BENCHMARKS.md."""
    path = ROOT / "BENCHMARKS.md"
    text = path.read_text()
    start, end = "<!-- matrix:start -->", "<!-- matrix:end -->"
    if start not in text:
        print("BENCHMARKS.md has no matrix markers; table not written")
        return
    head, rest = text.split(start, 1)
    _old, tail = rest.split(end, 1)
    path.write_text(f"{head}{start}\n{table}\n{end}{tail}")
    print("BENCHMARKS.md: matrix table written")


if __name__ == "__main__":
    run(sys.argv[1:])
