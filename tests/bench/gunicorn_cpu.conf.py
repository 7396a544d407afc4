"""The production gunicorn config (zvhd/gunicorn.conf.py) plus, for the load bench only, the
CPU each request cost its worker, by view (`time.process_time` between gunicorn's
pre_request and post_request hooks: the worker's own CPU, not PostgreSQL's, and not the time
it waited for a core). Each worker writes its totals to $GUNICORN_CPU_DIR/cpu-<pid>.json when
it exits; tests/bench/bench_load.py adds them up into the table "CPU per view"."""

import json
import os
import time
from pathlib import Path

_production = Path(__file__).resolve().parents[2] / "zvhd" / "gunicorn.conf.py"
exec(compile(_production.read_text(), str(_production), "exec"))  # noqa: S102 - our own file

_CPU: dict[str, list] = {}


def pre_request(worker, req):
    worker.zvhd_cpu_started = time.process_time()


def post_request(worker, req, environ, resp):
    from django.urls import Resolver404, resolve

    spent = (time.process_time() - worker.zvhd_cpu_started) * 1000
    try:
        match = resolve(req.path)
        view = f"{match.namespace}:{match.url_name}" if match.namespace else str(match.url_name)
    except Resolver404:
        view = "(404)"
    totals = _CPU.setdefault(f"{req.method} {view}", [0, 0.0])
    totals[0] += 1
    totals[1] += spent


def worker_exit(server, worker):
    folder = os.environ.get("GUNICORN_CPU_DIR")
    if folder:
        Path(folder, f"cpu-{os.getpid()}.json").write_text(json.dumps(_CPU))
