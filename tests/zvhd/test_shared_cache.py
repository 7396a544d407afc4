"""Production refuses a per-process cache: the API rate limit must be one count for all workers.

Before: without REDIS_URL every gunicorn worker had its own LocMemCache, so the API allowed
360 calls a minute with three workers instead of 120, and nothing said so.
"""

import subprocess
import sys

from django.conf import settings

from tests.bench.server import free_port
from tests.zvhd.test_security import production_env


def without_redis(**extra):
    env = production_env()
    # The broker elsewhere: only the cache is at issue here (E002 is the broker's check).
    env.update(REDIS_URL="", CELERY_BROKER_URL="redis://127.0.0.1:6379/9", **extra)
    return env


def deploy_check(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        env=without_redis(**extra),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_the_deploy_check_refuses_production_without_a_shared_cache():
    result = deploy_check()
    assert result.returncode != 0
    assert "zvhd.E003" in result.stdout + result.stderr


def test_a_single_process_may_say_so_explicitly():
    result = deploy_check(ALLOW_PROCESS_LOCAL_CACHE="true")
    assert "zvhd.E003" not in result.stdout + result.stderr


def test_gunicorn_with_the_project_config_refuses_to_start_without_a_shared_cache():
    env = without_redis()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "zvhd.wsgi",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--workers",
            "2",
            "--config",
            "zvhd/gunicorn.conf.py",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "zvhd.E003" in output
    assert "Booting worker" not in output
