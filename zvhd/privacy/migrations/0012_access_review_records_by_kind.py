"""The access review's days count a record as its kind and number in part (b) too (case 5 and
aftercare record 5 are two records): the day rows no longer need `late_head`, which marked the
one row per number that carried its chain across kinds.

The days summarized so far were counted the old way, and their chains point across kinds: they
are emptied (both ways), and the hourly task `summarize_access_review_days` makes them again
from the log, oldest day first (BENCHMARKS.md, the review's days: five years at 50 million
rows took 422 s). Until it has, the review reads the days not done from the log, as it always
does for such days: correct, only slower."""

from django.db import migrations

EMPTY = (
    "TRUNCATE privacy_accessdayrecord, privacy_accessdaycount, privacy_accessdaysummary,"
    " privacy_accessreviewday"
)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0011_access_review_days"),
    ]

    operations = [
        migrations.RunSQL(EMPTY, EMPTY),
        migrations.RemoveField(
            model_name="accessdayrecord",
            name="late_head",
        ),
    ]
