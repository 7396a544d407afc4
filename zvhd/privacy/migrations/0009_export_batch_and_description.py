"""An export writes one access-log row per record it holds (issue 23); the rows of one export
share a batch, by which the log page and the access review show it as one event, and carry
the list and its filters in words. Both columns are empty for every other row; the index holds
export rows only. Adding them is a change of the catalogue alone (no rewrite of the log)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0008_retention_kind_for_table_subjects"),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="batch",
            field=models.UUIDField(blank=True, null=True, verbose_name="export"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="description",
            field=models.CharField(blank=True, max_length=300, verbose_name="omschrijving"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(("batch__isnull", False)),
                fields=["batch", "id"],
                name="accesslog_batch",
            ),
        ),
    ]
