"""Restore drill: back up a seeded database and its media, drop both, restore, compare.

Runs against a database of its own (`<DATABASE_URL's name>_restore`) through the same
`ops/backup.py` that `make backup` / `make restore` run, as separate processes, as an operator
would. PostgreSQL only: skipped locally without it, a failure in CI.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from ops.backup import media_checksums, verify
from tests.databases import manage, psql, row_counts

pytestmark = pytest.mark.postgres_drill

BASE = Path(settings.BASE_DIR)


def backup_script(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "ops/backup.py", *args], cwd=BASE, env=env,
                          capture_output=True, text=True)  # fmt: skip


@pytest.fixture(scope="module")
def drill(seeded_drill_database, tmp_path_factory):
    media = seeded_drill_database["media"]
    # Media as the apps leave them: generated PDFs and uploads in nested folders.
    (media / "rapporten" / "2026").mkdir(parents=True, exist_ok=True)
    (media / "rapporten" / "2026" / "jaarverslag.pdf").write_bytes(os.urandom(20_000))
    (media / "bijlagen").mkdir(exist_ok=True)
    (media / "bijlagen" / "verslag overleg.txt").write_text("Overleg ketenkamer 3 maart\n")
    return {**seeded_drill_database, "backups": tmp_path_factory.mktemp("backups")}


def test_a_backup_restored_after_losing_everything_has_every_row_and_every_file(drill):
    db, name, env, media = drill["db"], drill["name"], drill["env"], drill["media"]
    counts_before = row_counts(db, name)
    media_before = media_checksums(media)
    assert counts_before["network_user"] >= 13 and counts_before["network_organisation"] > 0
    # The two files above, and the demo's case documents (casefile: MEDIA_ROOT/documenten).
    assert len(counts_before) > 20 and len(media_before) > 2
    assert any("documenten" in str(path) for path in media_before)

    made = backup_script(env, "create", "--into", str(drill["backups"]))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.split("backup written: ")[1].strip())

    # The disaster: the database and the media volume are gone.
    psql(db, f'drop database "{name}" with (force);')
    shutil.rmtree(media)

    restored = backup_script(env, "restore", str(backup), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert row_counts(db, name) == counts_before
    assert media_checksums(media) == media_before
    # The restored database is usable by the application, not just present.
    manage(env, "migrate", "--check")


def test_restore_refuses_without_confirmation_and_refuses_a_damaged_backup(drill, tmp_path):
    backups = sorted(drill["backups"].glob("zvhd-*"))
    assert backups, "the drill above leaves its backup"
    refused = backup_script(drill["env"], "restore", str(backups[-1]))
    assert refused.returncode == 1 and "--yes" in refused.stderr

    damaged = tmp_path / backups[-1].name
    shutil.copytree(backups[-1], damaged)
    dump = damaged / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    with pytest.raises(Exception, match="does not match its checksum"):
        verify(damaged)
    result = backup_script(drill["env"], "restore", str(damaged), "--yes")
    assert result.returncode == 1 and "checksum" in result.stderr


def test_a_backup_is_readable_by_its_owner_only(drill):
    backup = sorted(drill["backups"].glob("zvhd-*"))[-1]
    assert backup.stat().st_mode & 0o077 == 0
    assert all(f.stat().st_mode & 0o077 == 0 for f in backup.iterdir())
