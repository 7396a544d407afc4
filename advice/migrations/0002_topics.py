"""The aandachtsgebieden of the 2025 year plan (reference_data.TOPICS), plus a catch-all.

Reports count advice records and signals by these codes, so they are data, not demo data.
"""

from django.db import migrations


def add_topics(apps, schema_editor):
    from advice.topics import ensure_topics

    ensure_topics(apps.get_model("advice", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("advice", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop, elidable=True)]
