"""The README's two commands and the embedded PostgreSQL behind them (ops/devdb.py).

These tests start servers of their own in temporary folders (DEVDB_DIR), on loopback, so
they never touch the server the suite itself runs on.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ops import devdb

BASE = Path(__file__).resolve().parents[2]


def devdb_command(home: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEVDB_DIR": str(home)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "ops/devdb.py", *args],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "devdb"
    yield folder
    devdb_command(folder, "stop")


def test_the_readme_starts_with_the_two_commands_that_ci_runs():
    readme = (BASE / "README.md").read_text()
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines()]
    assert [c for c in commands if c] == ["make run", "make test"]
    assert readme.index("```sh") < readme.index("\n## ")  # before any section

    ci = (BASE / ".ci" / "run").read_text()
    # Both in a fresh clone, with nothing configured.
    assert "git clone --quiet . " in ci
    assert re.search(r"newcomer_env=\(env -u DATABASE_URL .*-u REDIS_URL", ci)
    assert '"${newcomer_env[@]}" make run' in ci
    assert '"${newcomer_env[@]}" make test )' in ci


def test_a_second_start_reuses_the_running_server_and_a_database_is_made(home):
    first = devdb_command(home, "start")
    assert first.returncode == 0, first.stderr
    url = first.stdout.strip()
    assert url.startswith("postgres://postgres@127.0.0.1:") and url.endswith("/zvhd")
    again = devdb_command(home, "start")
    assert again.stdout.strip() == url
    psql = [devdb.program("psql"), url, "-tAc"]
    assert subprocess.run([*psql, "select 1"], capture_output=True, text=True).stdout == "1\n"
    # The contrib extensions the project may use are there.
    out = subprocess.run(
        [*psql, "create extension pg_trgm; create extension unaccent; "
                "create extension btree_gist; select unaccent('Yılmaz é')"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert devdb_command(home, "status").stdout.startswith("draait op 127.0.0.1:")
    devdb_command(home, "stop")
    assert devdb_command(home, "status").stdout.strip() == "gestopt"


def test_a_taken_port_moves_the_server_to_the_next_free_one(home):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        home.mkdir()
        (home / "port").write_text(str(port))
        started = devdb_command(home, "start")
        assert started.returncode == 0, started.stderr
        assert f":{port}/" not in started.stdout
        assert int((home / "port").read_text()) != port


def test_a_server_killed_hard_starts_again_with_its_data(home):
    url = devdb_command(home, "start").stdout.strip()
    psql = [devdb.program("psql"), url, "-tAc"]
    subprocess.run([*psql, "create table kept (n int); insert into kept values (7)"], check=True)
    pid = int((home / "data" / "postmaster.pid").read_text().split()[0])
    os.kill(pid, signal.SIGKILL)
    for _ in range(50):
        try:
            os.kill(pid, 0)
            time.sleep(0.1)
        except ProcessLookupError:
            break
    restarted = devdb_command(home, "start")
    assert restarted.returncode == 0, restarted.stderr
    url = restarted.stdout.strip()
    kept = subprocess.run([devdb.program("psql"), url, "-tAc", "select n from kept"],
                          capture_output=True, text=True)  # fmt: skip
    assert kept.stdout.strip() == "7"


def test_a_data_folder_that_is_not_postgresql_gets_a_message_not_a_hang(home):
    (home / "data").mkdir(parents=True)
    (home / "data" / "something").write_text("not a database")
    result = devdb_command(home, "start")
    assert result.returncode == 1
    assert "make db-reset" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_stops_the_server_after_the_last_user_and_passes_the_exit_code(home):
    result = devdb_command(
        home, "run", "--", sys.executable, "-c",
        "import os, sys; print(os.environ['DATABASE_URL']); sys.exit(3)",
    )  # fmt: skip
    assert result.returncode == 3
    assert result.stdout.startswith("postgres://postgres@127.0.0.1:")
    assert devdb_command(home, "status").stdout.strip() == "gestopt"


def test_a_second_make_run_in_the_same_folder_is_refused_with_a_message(tmp_path):
    import fcntl

    var = BASE / "var"
    var.mkdir(exist_ok=True)
    with open(var / "run.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = subprocess.run(
            [sys.executable, "ops/run_demo.py", "--port", "1"],
            cwd=BASE, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert "Er draait al een `make run` in deze map" in result.stderr


def test_make_run_refuses_a_port_in_use_with_what_to_do():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "ops/run_demo.py", "--port", str(port)],
            cwd=BASE, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert result.returncode == 1
    assert f"Poort {port} op 127.0.0.1 is al in gebruik" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
