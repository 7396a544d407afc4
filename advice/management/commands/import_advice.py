"""`manage.py import_advice FILE [--dry-run]`: advice records from the previous system."""

from advice.imports import AdviceImporter
from zvhd.imports.management import ImportCommand


class Command(ImportCommand):
    help = "Importeer adviesvragen uit het vorige systeem (CSV of XLSX; zie README.md)."
    importer_class = AdviceImporter
