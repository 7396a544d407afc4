"""Reference data of the tables app: the kinds of table (tables.reference_data).

Loaded by zvhd/network/reference.py after every migrate.
"""

from tables.reference_data import KINDS


def seed(loader) -> None:
    from tables.models import TableKind

    for order, (code, label, description, shows_other) in enumerate(KINDS):
        if loader.first_time("tafelsoort", code):
            _kind, created = TableKind.objects.get_or_create(
                code=code,
                defaults={
                    "label": label,
                    "description": description,
                    "shows_other_registrations": shows_other,
                    "order": order * 10,
                },
            )
            loader.count("tafelsoorten", created)
