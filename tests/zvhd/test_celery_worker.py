"""A real Celery worker against Redis runs our task and hands the result back."""

import os
import subprocess
import sys

import pytest
import redis
from celery import Celery
from django.conf import settings

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
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_real_worker_runs_a_task_and_returns_its_result(worker, redis_broker):
    # A client of its own: the suite's app runs tasks eagerly and has no result backend.
    # set_as_current=False: else every @shared_task of the project sends through this client
    # (to a queue nobody reads) for the rest of the process - under pytest-xdist the tests
    # after this one in its process found their jobs forever "pending".
    client = Celery(
        "zvhd-test-client", broker=redis_broker, backend=redis_broker, set_as_current=False
    )
    result = client.send_task(ping.name, args=[41])
    assert result.get(timeout=90) == 42
