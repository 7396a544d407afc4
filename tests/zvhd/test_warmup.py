"""A web worker's warm-up (zvhd/warmup.py, gunicorn's post_worker_init): every template of the
project is compiled before the first request, so a template that does not compile shows here,
not on the page of the first user who opens it."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

from django.template import engines

from zvhd.warmup import project_template_dirs, settle, warm


def test_every_template_of_the_project_compiles_in_the_warm_up():
    files = [
        path
        for directory in project_template_dirs()
        for path in directory.rglob("*")
        if path.suffix in {".html", ".txt", ".xml"}
    ]
    assert len(files) > 200
    assert warm()["templates"] == len(files)


def test_the_warm_up_leaves_the_templates_compiled_in_the_process():
    warm()
    loader = engines["django"].engine.template_loaders[0]
    assert "zvhd/start.html" in {key.split("-")[0] for key in loader.get_template_cache}


def test_gunicorn_runs_it_for_each_worker_then_settles_it(monkeypatch):
    called = []
    monkeypatch.setattr("zvhd.warmup.warm", lambda: called.append("warm"))
    monkeypatch.setattr("zvhd.warmup.settle", lambda: called.append("settle"))
    config = runpy.run_path(str(Path(__file__).parents[2] / "zvhd" / "gunicorn.conf.py"))
    config["post_worker_init"](worker=None)
    assert called == ["warm", "settle"]


def test_settling_leaves_what_lives_now_out_of_garbage_collection():
    try:
        frozen = settle()
        assert frozen > 10_000
        # Still frozen afterwards (a frozen object freed by its reference count since - a
        # log record, say - leaves the count one or two lower, so not an equality).
        assert gc.get_freeze_count() > frozen - 1_000
        assert gc.collect() >= 0  # collecting still works, without walking them
    finally:
        gc.unfreeze()


def test_a_failing_warm_up_does_not_stop_the_worker(monkeypatch):
    class Log:
        messages = []

        def exception(self, message):
            self.messages.append(message)

    class Worker:
        log = Log()

    def broken():
        raise RuntimeError("no")

    monkeypatch.setattr("zvhd.warmup.warm", broken)
    monkeypatch.setattr("zvhd.warmup.settle", lambda: 0)
    config = runpy.run_path(str(Path(__file__).parents[2] / "zvhd" / "gunicorn.conf.py"))
    config["post_worker_init"](Worker())
    assert Worker.log.messages == ["Warm-up failed; the worker serves without it"]
