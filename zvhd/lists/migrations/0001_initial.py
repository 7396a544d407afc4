"""Saved filters move from the cases app into the house (zvhd.lists), their table stays.

Every list takes saved filters now (issue 23), not the case lists alone, and the house imports
no app. The table `cases_savedfilter` keeps its name and rows (`db_table`); this migration only
tells Django's state that the model belongs to the `lists` app (`cases.0016` removes it from
the cases app's state) and moves its content type along, as the imports did
(zvhd/imports/migrations/0001).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="lists", model="savedfilter").exists():
        ContentType.objects.filter(app_label="cases", model="savedfilter").update(
            app_label="lists"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="cases", model="savedfilter").exists():
        ContentType.objects.filter(app_label="lists", model="savedfilter").update(
            app_label="cases"
        )


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("cases", "0013_list_orders_and_saved_filters"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SavedFilter",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("list_name", models.CharField(max_length=40, verbose_name="lijst")),
                        ("name", models.CharField(max_length=60, verbose_name="naam")),
                        ("query", models.CharField(blank=True, max_length=1000, verbose_name="filters")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="bewaard op")),
                        ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="eigenaar")),
                    ],
                    options={
                        "verbose_name": "bewaard filter",
                        "verbose_name_plural": "bewaarde filters",
                        "db_table": "cases_savedfilter",
                        "ordering": ["name"],
                        "constraints": [models.UniqueConstraint(fields=("owner", "list_name", "name"), name="saved_filter_unique_name", violation_error_message="U heeft al een filter met deze naam.")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
