"""`manage.py figures YEAR --format json`: the national key-figures delivery of a year.

Prints `reports.figures.key_figures(year)` (the API serves the same function). With
`--published`, the figures of the year's published snapshot instead of the live ones.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from reports.figures import key_figures
from reports.models import YearSnapshot


class Command(BaseCommand):
    help = "Print the key figures of a year (national delivery)."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument(
            "--published", action="store_true", help="the year's published snapshot"
        )

    def handle(self, *args, year, format, published, **options):
        if not 2000 <= year <= 2100:
            raise CommandError("Geef een jaar tussen 2000 en 2100.")
        data = None
        if published:
            snapshot = YearSnapshot._base_manager.filter(
                year=year, published=True, status="done"
            ).first()
            if snapshot is None:
                raise CommandError(f"Er is geen gepubliceerde momentopname van {year}.")
            data = snapshot.data
        figures = key_figures(year, data=data)
        if format == "json":
            self.stdout.write(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key}: {value}")
