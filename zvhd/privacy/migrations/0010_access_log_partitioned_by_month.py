"""The access log becomes a table partitioned by month (issue 24).

Why: at 50 million rows (five years, 13 GB with indexes) the daily retention purge was a
DELETE in the biggest table of the system. The DELETE itself is cheap (a day, ~22,000 rows:
~50 ms), but its dead rows stay until vacuum, whose index pass then reads every index of all
five years (~8 GB). By month the purge drops a whole month's table (`DROP TABLE`: no dead
rows) and deletes only the last days of the oldest month; each month's table is vacuumed,
frozen and indexed on its own, and a search or review by period reads only its months. The
price: a search without a period is planned against every month (1-20 ms at 62 months,
BENCHMARKS.md "Toegangslog").

How, in PostgreSQL 15:
- the parent `privacy_accesslog` is `PARTITION BY RANGE (at)`, months in UTC, named
  `privacy_accesslog_pYYYY_MM`; a DEFAULT partition takes any row whose month has no table
  yet (the daily task `zvhd.privacy.tasks.maintain_access_log_partitions` makes the coming
  months and moves such rows into their month);
- a unique key on a partitioned table must contain the partition key, so the primary key is
  `(id, at)`. Django keeps `id` as the model's primary key: ids come from one sequence and are
  unique; only the database's constraint is wider. (Django's CompositePrimaryKey would make
  `pk` a tuple for every caller - the purge, the subject-access query, the review's counts -
  for a guarantee the sequence already gives.)
- PostgreSQL 15 has no identity columns on partitioned tables: `id` takes its default from a
  sequence owned by the column (what Django's flush and sequence reset look for);
- existing rows are copied into one table per month they fall in. This migration makes no
  month that holds no row, so it makes the same schema on any day (zvhd/baseline.sql). The
  columns are the old table's (LIKE) and its indexes are made again from their definitions,
  so a column or index an earlier migration added comes along (0009's `batch`,
  `description` and its index `accesslog_batch`).
"""

import zoneinfo

import django.db.models.deletion
import django.db.models.functions.datetime
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models

FORWARD = r"""
ALTER TABLE privacy_accesslog RENAME TO privacy_accesslog_old;
ALTER TABLE privacy_accesslog_old ALTER COLUMN id DROP IDENTITY IF EXISTS;
ALTER TABLE privacy_accesslog_old DROP CONSTRAINT privacy_accesslog_pkey;
-- The indexes the model keeps (all but the single-column ones this migration drops) are made
-- again on the new table after the copy, from their own definitions; an index a migration
-- before this one added comes along without being named here.
CREATE TEMPORARY TABLE privacy_accesslog_kept_indexes ON COMMIT DROP AS
    SELECT pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = 'privacy_accesslog_old'::regclass
      AND c.relname NOT IN (
          'privacy_accesslog_at_09df1c0c',
          'privacy_accesslog_content_type_id_e91b098d',
          'privacy_accesslog_object_id_59d8c96c',
          'privacy_accesslog_object_id_59d8c96c_like',
          'privacy_accesslog_user_id_eea3d39c'
      );
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT indexrelid::regclass AS name FROM pg_index
           WHERE indrelid = 'privacy_accesslog_old'::regclass
  LOOP
    EXECUTE format('DROP INDEX %s', r.name);
  END LOOP;
END $$;

-- The same columns in the same order (LIKE), whatever earlier migrations added.
CREATE SEQUENCE privacy_accesslog_id_seq;
CREATE TABLE privacy_accesslog (LIKE privacy_accesslog_old INCLUDING DEFAULTS)
    PARTITION BY RANGE (at);
ALTER TABLE privacy_accesslog
    ALTER COLUMN id SET DEFAULT nextval('privacy_accesslog_id_seq');
ALTER TABLE privacy_accesslog ADD CONSTRAINT privacy_accesslog_pkey PRIMARY KEY (id, at);
ALTER SEQUENCE privacy_accesslog_id_seq OWNED BY privacy_accesslog.id;
CREATE TABLE privacy_accesslog_default PARTITION OF privacy_accesslog DEFAULT;

DO $$
DECLARE month timestamptz;
BEGIN
  FOR month IN SELECT DISTINCT date_trunc('month', at, 'UTC') FROM privacy_accesslog_old
  LOOP
    EXECUTE format(
      'CREATE TABLE %I PARTITION OF privacy_accesslog FOR VALUES FROM (%L) TO (%L)',
      'privacy_accesslog_p' || to_char(month AT TIME ZONE 'UTC', 'YYYY_MM'),
      month, month + interval '1 month'
    );
  END LOOP;
END $$;
INSERT INTO privacy_accesslog SELECT * FROM privacy_accesslog_old;
SELECT setval(
    'privacy_accesslog_id_seq',
    COALESCE((SELECT max(id) FROM privacy_accesslog), 1),
    (SELECT max(id) FROM privacy_accesslog) IS NOT NULL
);
DROP TABLE privacy_accesslog_old;

ALTER TABLE privacy_accesslog
    ADD CONSTRAINT privacy_accesslog_content_type_id_e91b098d_fk_django_co
    FOREIGN KEY (content_type_id) REFERENCES django_content_type (id)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE privacy_accesslog
    ADD CONSTRAINT privacy_accesslog_user_id_eea3d39c_fk_network_user_id
    FOREIGN KEY (user_id) REFERENCES network_user (id)
    DEFERRABLE INITIALLY DEFERRED;
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT definition FROM privacy_accesslog_kept_indexes
  LOOP
    EXECUTE regexp_replace(
      r.definition, ' ON (ONLY )?(public\.)?privacy_accesslog_old ', ' ON privacy_accesslog '
    );
  END LOOP;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0009_export_batch_and_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD)],
            # The single-column indexes go: `at` is led by (at, id) below, content_type by the
            # record index, object_id by nothing (a search by id alone names the kinds).
            state_operations=[
                migrations.AlterField(
                    model_name="accesslog",
                    name="at",
                    field=models.DateTimeField(auto_now_add=True, verbose_name="moment"),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="object_id",
                    field=models.CharField(blank=True, max_length=64, verbose_name="record"),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="content_type",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="contenttypes.contenttype",
                        verbose_name="soort gegeven",
                    ),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="gebruiker",
                    ),
                ),
            ],
        ),
        # Built after the copy (one sort per index, not an insert per row); on the parent, so
        # every month's table has them.
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["at", "id"], name="privacy_log_at_id"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["username", "at"], name="privacy_log_username_at"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(("action", "list"), _negated=True),
                fields=["action", "at"],
                name="privacy_log_action_at",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(("allowed", False)),
                fields=["at"],
                name="privacy_log_denied_at",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(
                    ("action__in", ("view", "change", "export")),
                    ("allowed", True),
                    ("user__isnull", False),
                    models.Q(("object_id", ""), _negated=True),
                ),
                fields=["at"],
                include=(
                    "content_type",
                    "object_id",
                    "user",
                    "username",
                    "organisation",
                    "roles",
                    "batch",
                ),
                name="privacy_log_opened",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                condition=models.Q(
                    ("action__in", ("view", "change", "export")),
                    ("allowed", True),
                    ("user__isnull", False),
                    models.Q(("object_id", ""), _negated=True),
                    models.Q(
                        django.db.models.lookups.LessThan(
                            django.db.models.functions.datetime.ExtractHour(
                                "at", tzinfo=zoneinfo.ZoneInfo(key="Europe/Amsterdam")
                            ),
                            7,
                        ),
                        django.db.models.lookups.GreaterThanOrEqual(
                            django.db.models.functions.datetime.ExtractHour(
                                "at", tzinfo=zoneinfo.ZoneInfo(key="Europe/Amsterdam")
                            ),
                            19,
                        ),
                        django.db.models.lookups.GreaterThanOrEqual(
                            django.db.models.functions.datetime.ExtractIsoWeekDay(
                                "at", tzinfo=zoneinfo.ZoneInfo(key="Europe/Amsterdam")
                            ),
                            6,
                        ),
                        _connector="OR",
                    ),
                ),
                fields=["at"],
                include=("object_id", "user", "username", "organisation", "batch"),
                name="privacy_log_out_of_hours",
            ),
        ),
    ]
