"""`manage.py import_cases FILE [--dry-run]`: cases from the previous system (issue 9)."""

from cases.imports import CaseImporter
from zvhd.imports.management import ImportCommand


class Command(ImportCommand):
    help = "Importeer casussen uit het vorige systeem (CSV of XLSX; zie README.md)."
    importer_class = CaseImporter
