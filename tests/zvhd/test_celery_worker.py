"""A real Celery worker against Redis runs our task and hands the result back."""

import os
import subprocess
import sys

import pytest
import redis
from django.conf import settings

from zvhd.celery import app
from zvhd.tasks import ping

BROKER = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/5")

pytestmark = pytest.mark.celery_worker


@pytest.fixture
def redis_broker():
    try:
        redis.Redis.from_url(BROKER).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and not reachable at {BROKER}")
        pytest.skip(f"Redis not reachable at {BROKER}")
    return BROKER


@pytest.fixture
def worker(redis_broker):
    env = {**os.environ, "CELERY_BROKER_URL": redis_broker, "CELERY_RESULT_BACKEND": redis_broker}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "zvhd",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=warning",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    previous = {k: app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    app.conf.update(broker_url=redis_broker, result_backend=redis_broker, task_always_eager=False)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        app.conf.update(**previous)


def test_a_real_worker_runs_a_task_and_returns_its_result(worker):
    result = ping.delay(41)
    assert result.get(timeout=60) == 42
