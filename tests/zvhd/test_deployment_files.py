"""The reference deployment files are valid and agree with each other."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

BASE = Path(settings.BASE_DIR)


def test_docker_compose_is_valid_against_the_compose_schema():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.compose-spec",
            str(BASE / "docker-compose.yml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_compose_runs_web_worker_beat_database_and_redis_with_health_checks():
    import yaml

    compose = yaml.safe_load((BASE / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"web", "worker", "beat", "db", "redis"}
    for name in ("web", "worker", "db", "redis"):
        assert "healthcheck" in services[name], name
    assert {"pgdata", "media"} <= set(compose["volumes"])


def test_the_procfile_names_web_worker_and_beat():
    kinds = [line.split(":", 1)[0] for line in (BASE / "Procfile").read_text().splitlines()]
    assert kinds == ["web", "worker", "beat"]


def test_every_setting_read_from_the_environment_is_documented():
    import re

    read = set(
        re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', (BASE / "zvhd/settings.py").read_text())
    )
    documented = set(re.findall(r"^([A-Z_]+)=", (BASE / ".env.example").read_text(), re.M))
    assert read - documented == set()


@pytest.mark.django_db
def test_healthz_answers_without_login_and_without_personal_data():
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"]["database"] == "ok"
    assert set(body) <= {"status", "checks", "worker_heartbeat_age_seconds"}
