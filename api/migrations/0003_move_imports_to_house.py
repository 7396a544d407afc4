"""ImportJob and ImportedRecord now belong to zvhd.imports (label `imports`); their tables
stay as they are (see imports.0001_move_imports_from_api). State only: no table changes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0002_importjob_status_not_queued"),
        ("imports", "0001_move_imports_from_api"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImportedRecord"),
                migrations.DeleteModel(name="ImportJob"),
            ],
            database_operations=[],
        ),
    ]
