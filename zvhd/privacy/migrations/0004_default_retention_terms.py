"""The default retention terms (README "Bewaartermijnen en vernietiging" gives the reasons).

The privacy officer changes them in the app; this migration only fills in a kind that has no
term yet, so running it again (or after a change) never overwrites a term someone chose.
"""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from zvhd.privacy.defaults import ensure_default_terms

    ensure_default_terms(
        apps.get_model("privacy", "RetentionPolicy"),
        apps.get_model("privacy", "HistoricalRetentionPolicy"),
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_retention")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop, elidable=True)]
