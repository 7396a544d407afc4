"""The start page against a bare template page, both through gunicorn the same way.

The ratio says what the start page's panels, menu and queries cost on top of the middleware
and the base template that every page pays.
"""

from tests.bench.server import (
    bench_env,
    default_database_url,
    gunicorn,
    load,
    manage,
    print_table,
    session_cookie,
)


def run(argv: list[str]) -> None:
    env = bench_env(default_database_url("zvhd_bench"))
    print(f"database: {env['DATABASE_URL'].split('@')[-1]}")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    rows = []
    with gunicorn(env) as port:
        for username in ("regisseur", "gemeente.assen"):
            cookie = session_cookie(env, username)
            bare = load(port, "/_bench/bare", cookie)
            start = load(port, "/", cookie)
            rows += [(f"bare page ({username})", bare), (f"start page ({username})", start)]
            rows.append(
                (
                    f"  ratio start/bare p95 ({username})",
                    {
                        "requests": 0,
                        "rps": start["rps"] / bare["rps"],
                        "p50_ms": start["p50_ms"] / bare["p50_ms"],
                        "p95_ms": start["p95_ms"] / bare["p95_ms"],
                        "errors": 0,
                    },
                )
            )
    print_table(rows)
    print("(ratio rows: req/s, p50 and p95 of the start page divided by those of the bare page)")
