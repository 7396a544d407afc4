"""`make run`: the whole system on one machine, as production runs it, with demo data.

    python ops/run_demo.py [--host 127.0.0.1] [--port 8000]

One short line per step on the console, then the address and the demo accounts:

1. the database: DATABASE_URL when set, else the project's own embedded PostgreSQL
   (ops/devdb.py, data in .devdb/);
2. `migrate`, `collectstatic` and `seed_demo` (safe to run again: a second `make run` keeps
   what the first made);
3. gunicorn (the web), a Celery worker and Celery beat, as the Procfile runs them. Without
   REDIS_URL the broker is kombu's filesystem transport in var/broker/, so long jobs (the
   jaarverslag, factsheets, inzage PDFs, imports) run in the worker and the page shows
   their progress, as in production.

Every process writes to var/log/ (setup.log, web.log, worker.log, beat.log); the console stays
readable. The site runs with DEBUG off, so 404 and 500 are the Dutch pages users see; it
serves plain HTTP on loopback, so the secure-cookie settings are relaxed for this demo only.
Ctrl-C stops all of it, and the embedded database with it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE))

from ops import devdb  # noqa: E402

VAR = BASE / "var"
LOGS = VAR / "log"
BROKER = VAR / "broker"
PY = sys.executable


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


def port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((host, port)) == 0


def demo_secret_key() -> str:
    """A random key kept in var/, so sessions survive a restart of the demo."""
    path = VAR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def demo_environment(database_url: str, host: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": os.environ.get("DEBUG", "false"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or demo_secret_key(),
        "DEMO_DATA_ALLOWED": "true",
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS", f"{host},127.0.0.1,localhost"),
        # Plain HTTP on loopback: a demo, not a deployment.
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "plain"),
        # collectstatic copies the files (a second) instead of compressing each one (~30 s).
        "STATIC_MANIFEST": os.environ.get("STATIC_MANIFEST", "false"),
        "EMAIL_BACKEND": os.environ.get(
            "EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
        ),
        "EMAIL_FILE_PATH": str(VAR / "mail"),
        "PYTHONUNBUFFERED": "1",
    }
    if not env.get("REDIS_URL"):
        # No Redis: the broker and the cache are folders every process of this machine shares.
        env.setdefault("CELERY_BROKER_URL", "filesystem://")
        env["CELERY_FILESYSTEM_DIR"] = str(BROKER)
        env.setdefault("CACHE_DIR", str(VAR / "cache"))
    return env


def step(title: str, command: list[str], env: dict, log) -> None:
    started = time.monotonic()
    print(f"==> {title} ...", end="", flush=True)
    log.write(f"\n$ {' '.join(command)}\n")
    log.flush()
    result = subprocess.run(command, cwd=BASE, env=env, stdout=log, stderr=log)  # noqa: S603
    if result.returncode:
        print(" mislukt", flush=True)
        raise SystemExit(
            f"{title} is mislukt (exit {result.returncode}). Zie {log.name} voor de details."
        )
    print(f" {time.monotonic() - started:.0f} s", flush=True)


def start(name: str, command: list[str], env: dict) -> subprocess.Popen:
    log = open(LOGS / f"{name}.log", "a")  # noqa: SIM115 - open for the process's lifetime
    return subprocess.Popen(command, cwd=BASE, env=env, stdout=log, stderr=log)  # noqa: S603


def wait_until_served(url: str, processes: dict, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise SystemExit(f"{name} stopte onverwacht; zie var/log/{name}.log.")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=2):  # noqa: S310 - loopback
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    raise SystemExit(f"De website antwoordde niet binnen {seconds:.0f} s; zie var/log/web.log.")


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args()
    started = time.monotonic()
    # A terminal closed or a `kill` stops everything as Ctrl-C does, the database included.
    # SIGINT too, explicitly: a shell starts background jobs with it ignored.
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, _interrupt)
    for folder in (LOGS, BROKER, VAR / "mail"):
        folder.mkdir(parents=True, exist_ok=True)
    lock = open(VAR / "run.lock", "w")  # noqa: SIM115 - held until the process ends
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(
            "Er draait al een `make run` in deze map. Stop die eerst (Ctrl-C in zijn terminal).",
            file=sys.stderr,
        )
        return 1
    if port_taken(args.host, args.port):
        print(
            f"Poort {args.port} op {args.host} is al in gebruik (draait er al een `make run`?). "
            f"Stop dat proces, of kies een andere poort: make run PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 1
    url = f"http://{args.host}:{args.port}/"
    processes: dict[str, subprocess.Popen] = {}
    with open(LOGS / "setup.log", "a") as setup_log:
        if devdb.configured_url():
            database = devdb.configured_url()
            say("Database: DATABASE_URL")
            context = None
        else:
            first = not (devdb.DATA / "PG_VERSION").exists()
            title = "aanmaken (eenmalig) en starten" if first else "starten"
            print(f"==> Eigen PostgreSQL {title} ...", end="", flush=True)
            t0 = time.monotonic()
            try:
                context = devdb.in_use()
                database = context.__enter__()
            except devdb.DevDBError as error:
                print(" mislukt", flush=True)
                print(error, file=sys.stderr)
                return 1
            print(f" {time.monotonic() - t0:.0f} s (gegevens in .devdb/)", flush=True)
        try:
            env = demo_environment(database, args.host)
            # collectstatic needs no database: it copies while migrate runs. System checks
            # run once, in the web process's import, not in every command (--skip-checks).
            static = subprocess.Popen(  # noqa: S603
                [PY, "manage.py", "collectstatic", "--noinput", "--skip-checks"],
                cwd=BASE, env=env, stdout=setup_log, stderr=setup_log,
            )  # fmt: skip
            step("Database bijwerken (migrate)",
                 [PY, "manage.py", "migrate", "--noinput", "--skip-checks"], env,
                 setup_log)  # fmt: skip
            if static.wait():
                raise SystemExit(f"collectstatic is mislukt. Zie {setup_log.name}.")
            # The web and the worker boot (a few seconds of imports each) while the demo
            # data is loaded; beat starts after it, so no periodic task runs on half a demo.
            t0 = time.monotonic()
            processes["web"] = start("web", [
                PY, "-m", "gunicorn", "zvhd.wsgi", "--config", "zvhd/gunicorn.conf.py",
                "--bind", f"{args.host}:{args.port}", "--workers", os.environ.get(
                    "WEB_CONCURRENCY", "2"),
            ], env)  # fmt: skip
            processes["worker"] = start("worker", [
                PY, "-m", "celery", "-A", "zvhd", "worker", "--loglevel=INFO",
                "--concurrency=1", "--pool=solo",
            ], env)  # fmt: skip
            accounts = VAR / "demo_accounts.txt"
            step("Demogegevens laden", [PY, "manage.py", "seed_demo", "--skip-checks",
                                        f"--accounts-file={accounts}"], env,
                 setup_log)  # fmt: skip
            processes["beat"] = start("beat", [
                PY, "-m", "celery", "-A", "zvhd", "beat", "--loglevel=INFO",
                f"--schedule={VAR / 'celerybeat-schedule'}",
            ], env)  # fmt: skip
            print("==> Website, worker en planner starten ...", end="", flush=True)
            wait_until_served(url, processes)
            print(f" {time.monotonic() - t0:.0f} s", flush=True)
            print(accounts.read_text(), end="")
            print(
                f"\nKlaar in {time.monotonic() - started:.0f} s. Open {url}\n"
                "Logboeken: var/log/ (web.log, worker.log, beat.log, setup.log); "
                "verstuurde e-mails: var/mail/. Stoppen: Ctrl-C.",
                flush=True,
            )
            while all(process.poll() is None for process in processes.values()):
                time.sleep(1)
            stopped = [name for name, process in processes.items() if process.poll() is not None]
            print(f"{', '.join(stopped)} stopte onverwacht; zie var/log/.", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("\n==> Stoppen ...", flush=True)
            return 0
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
            for process in processes.values():
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
            if context is not None:
                context.__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
