"""The Celery worker yields the CPU to the web (zvhd/celery.py, WORKER_NICENESS)."""

from __future__ import annotations

import weakref

from celery import signals

from zvhd import celery as zvhd_celery


def test_it_runs_when_the_worker_starts():
    receivers = [
        ref() if isinstance(ref, weakref.ref) else ref for _, ref in signals.worker_init.receivers
    ]
    assert zvhd_celery.yield_to_the_web in receivers


def test_the_worker_lowers_its_priority(monkeypatch, settings):
    niced = []
    monkeypatch.setattr(zvhd_celery.os, "nice", niced.append)
    settings.WORKER_NICENESS = 10
    zvhd_celery.yield_to_the_web()
    assert niced == [10]


def test_niceness_zero_leaves_it(monkeypatch, settings):
    niced = []
    monkeypatch.setattr(zvhd_celery.os, "nice", niced.append)
    settings.WORKER_NICENESS = 0
    zvhd_celery.yield_to_the_web()
    assert niced == []
