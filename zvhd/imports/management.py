"""The one base of every `import_*` management command (the apps only name their importer)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zvhd.imports import services
from zvhd.imports.framework import run_import


class ImportCommand(BaseCommand):
    importer_class = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV (UTF-8, ; of ,) of XLSX")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen controleren en alle problemen melden; er wordt niets opgeslagen.",
        )
        parser.add_argument(
            "--as",
            dest="username",
            default="",
            help="Gebruikersnaam die als invoerder wordt vastgelegd (standaard: een "
            "systeemaccount voor de import).",
        )

    def handle(self, *args, file, dry_run, username, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        imported_by = services.import_account(username=username)
        importer = self.importer_class(imported_by=imported_by)
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if total and (done % 1000 == 0 or done == total):
                self.stdout.write(f"  {done}/{total} rijen", ending="\r")
                self.stdout.flush()

        result = run_import(importer, path, path.name, dry_run=dry_run, progress=progress)
        seconds = time.monotonic() - started
        self.stdout.write("")
        for problem in result.problems:
            where = f"rij {problem.row}" if problem.row else "bestand"
            column = f", kolom {problem.column}" if problem.column else ""
            self.stdout.write(f"{where}{column}: {problem.message}")
        if result.problem_count > len(result.problems):
            self.stdout.write(f"... en nog {result.problem_count - len(result.problems)}.")
        summary = (
            f"{result.total} rijen, {result.skipped} al eerder geïmporteerd, "
            f"{result.problem_count} problemen ({seconds:.1f} s)."
        )
        if not result.ok:
            raise CommandError(f"Niets geïmporteerd. {summary}")
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(f"Proef: {result.created} nieuw, niets opgeslagen. {summary}")
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Geïmporteerd: {result.created} nieuw. {summary}")
            )
