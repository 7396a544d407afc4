"""`manage.py import_cases FILE [--dry-run]`: cases from the previous system (issue 9)."""

from api.management_base import ImportCommand
from cases.imports import CaseImporter


class Command(ImportCommand):
    help = "Importeer casussen uit het vorige systeem (CSV of XLSX; zie README.md)."
    importer_class = CaseImporter
