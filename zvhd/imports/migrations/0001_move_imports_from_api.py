"""Imports move from the api app into the house (zvhd.imports), their tables stay.

The tables `api_importjob` and `api_importedrecord` keep their names and rows (`db_table`);
this migration only tells Django's state that the models now belong to the `imports` app
(`api.0003_move_imports_to_house` removes them from the api app's state), and moves their
content types along so that existing access-log rows and permissions keep pointing at them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("importjob", "importedrecord"):
        if not ContentType.objects.filter(app_label="imports", model=model).exists():
            ContentType.objects.filter(app_label="api", model=model).update(app_label="imports")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("importjob", "importedrecord"):
        if not ContentType.objects.filter(app_label="api", model=model).exists():
            ContentType.objects.filter(app_label="imports", model=model).update(app_label="api")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("api", "0002_importjob_status_not_queued"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('cases', 'Casussen'), ('advice', 'Adviesvragen')], max_length=20, verbose_name='soort')),
                        ('file', models.FileField(blank=True, upload_to='imports/', verbose_name='bestand')),
                        ('filename', models.CharField(max_length=200, verbose_name='bestandsnaam')),
                        ('status', models.CharField(choices=[('uploaded', 'Geüpload'), ('validating', 'Wordt gecontroleerd'), ('invalid', 'Fouten gevonden'), ('valid', 'Klaar om te importeren'), ('confirmed', 'Bevestigd, in de wachtrij'), ('importing', 'Wordt geïmporteerd'), ('done', 'Geïmporteerd'), ('failed', 'Mislukt'), ('not_queued', 'Kon niet in de wachtrij')], default='uploaded', max_length=20, verbose_name='status')),
                        ('total_rows', models.PositiveIntegerField(default=0, verbose_name='rijen')),
                        ('created_count', models.PositiveIntegerField(default=0, verbose_name='nieuw')),
                        ('skipped_count', models.PositiveIntegerField(default=0, verbose_name='al geïmporteerd')),
                        ('problem_count', models.PositiveIntegerField(default=0, verbose_name='problemen')),
                        ('report', models.JSONField(blank=True, default=list)),
                        ('error', models.CharField(blank=True, max_length=500)),
                        ('requested_at', models.DateTimeField(auto_now_add=True)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('confirmed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'import',
                        'verbose_name_plural': 'imports',
                        'ordering': ['-requested_at', '-id'],
                        'db_table': 'api_importjob',
                    },
                ),
                migrations.CreateModel(
                    name='ImportedRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('cases', 'Casussen'), ('advice', 'Adviesvragen')], max_length=20)),
                        ('external_id', models.CharField(max_length=100)),
                        ('object_id', models.PositiveBigIntegerField()),
                        ('imported_at', models.DateTimeField(auto_now_add=True)),
                        ('imported_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='imports.importjob')),
                    ],
                    options={
                        'constraints': [models.UniqueConstraint(fields=('kind', 'external_id'), name='imported_once')],
                        'db_table': 'api_importedrecord',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
