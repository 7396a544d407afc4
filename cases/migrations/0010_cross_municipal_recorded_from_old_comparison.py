"""Cross-municipal becomes what was recorded for a case (issue 20 part 5).

Until now the figure compared the case's municipality with the person's home municipality and
ignored the recorded flag. Cases whose flag was never recorded (NULL) get, once, what that old
comparison said, so the figures of earlier years do not change by this release; from now on
the flag is recorded at registration (or imported) and the figure reads only the flag. A case
whose flag was recorded keeps it. The history tables are left as they were: this is a
one-time correction of derived data, not an edit by a person.
"""

from django.db import migrations

FORWARD = """
UPDATE cases_case AS c
SET cross_municipal = (c.municipality_id <> p.municipality_id)
FROM cases_person AS p
WHERE p.id = c.person_id AND c.cross_municipal IS NULL
"""


class Migration(migrations.Migration):
    dependencies = [("cases", "0009_closing_checklist_and_approval")]

    operations = [migrations.RunSQL(FORWARD, reverse_sql=migrations.RunSQL.noop)]
