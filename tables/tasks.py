"""The decision list PDF of a table meeting: the meeting kernel's task (zvhd.meetings.tasks,
the same as the ketenkamer's), under the name `Meeting.decision_list_task` gives it. It takes
the meeting's id, is safe to run twice, and writes the file on the meeting row."""

from __future__ import annotations

from tables.models import Meeting
from zvhd.meetings.tasks import decision_list_task

render_decision_list = decision_list_task(Meeting)
