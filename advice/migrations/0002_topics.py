"""The aandachtsgebieden of the 2025 year plan (reference_data.TOPICS), plus a catch-all.

Reports count advice records and signals by these codes, so they are data, not demo data.
"""

from django.db import migrations

from zvhd.network.reference_data import TOPICS

OTHER = ("overig", "Overig of meerdere aandachtsgebieden")


def add_topics(apps, schema_editor):
    Topic = apps.get_model("advice", "Topic")
    for order, (code, label) in enumerate([*TOPICS, OTHER], start=1):
        Topic.objects.update_or_create(code=code, defaults={"label": label, "order": order})


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
