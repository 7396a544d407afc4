"""A date in a table cell is never broken over two lines.

A narrow column broke "07-12-2026 18:27:53" into "07-12-", "2026" and "18:27:53" on three lines
(the access log, seen as the privacy officer on 2026-12-07): a hyphen is a line-break
opportunity. `zvhd.tables.DateColumn` keeps its cells on one line (`zvhd-nowrap`); the tables
written by hand in templates do the same. Every template of the project is read (PDF templates
have their own style sheet); a cell that opens with a short date or date-time must carry
`zvhd-nowrap`.
"""

from __future__ import annotations

import re

from django.conf import settings

from tests.zvhd.test_template_comments import project_templates

DATE_CELL = re.compile(
    r"<td(?P<attrs>[^>]*)>\s*\{\{\s*[^}|]+\|(?:datum|datumtijd)(?::\"\w+\")?\s*\}\}"
)


def test_every_cell_that_opens_with_a_date_keeps_it_on_one_line():
    broken = [
        f"{path.relative_to(settings.BASE_DIR)}: {match.group(0)}"
        for path in project_templates()
        if "pdf" not in path.name and "pdf" not in path.parts
        for match in DATE_CELL.finditer(path.read_text())
        if "zvhd-nowrap" not in match.group("attrs")
    ]
    assert broken == []
