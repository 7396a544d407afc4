"""`make bench`: run every tests/bench/bench_*.py module's `run(argv)`.

`make bench BENCH_ARGS="house"` runs only bench_house.py; extra words go to the modules.
The page-speed matrix (bench_matrix.py: seeds 1,000,000 cases in every app, then walks every
page for every role, ~30 minutes) and the access log at 50 million rows (bench_accesslog.py:
~23 minutes and 14 GB to seed) run only when named: `make bench BENCH_ARGS="matrix"`,
`make bench BENCH_ARGS="accesslog"`.
"""

import importlib
import pkgutil
import sys

import tests.bench as package

ONLY_WHEN_NAMED = {"bench_matrix", "bench_accesslog"}


def main(argv: list[str]) -> None:
    names = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")
    )
    wanted = [a for a in argv if not a.startswith("-")]
    selected = [n for n in names if n.removeprefix("bench_") in wanted] or [
        n for n in names if n not in ONLY_WHEN_NAMED
    ]
    for name in selected:
        print(f"\n### {name}", flush=True)
        importlib.import_module(f"tests.bench.{name}").run(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
