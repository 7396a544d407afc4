"""The Celery worker yields the CPU to the web (zvhd/celery.py, WORKER_NICENESS)."""

from __future__ import annotations

from celery import signals

from zvhd import celery as zvhd_celery


def test_the_worker_lowers_its_priority_when_it_starts(monkeypatch, settings):
    niced = []
    monkeypatch.setattr(zvhd_celery.os, "nice", niced.append)
    settings.WORKER_NICENESS = 10
    signals.worker_init.send(sender=None)
    assert niced == [10]


def test_niceness_zero_leaves_it(monkeypatch, settings):
    niced = []
    monkeypatch.setattr(zvhd_celery.os, "nice", niced.append)
    settings.WORKER_NICENESS = 0
    signals.worker_init.send(sender=None)
    assert niced == []
