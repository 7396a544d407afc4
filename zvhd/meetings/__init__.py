"""The meeting kernel: what every meeting with a decision list shares (issue 20, part 6).

A ketenkamer (cases) and a meeting of a thematic table (tables) are one kind of thing: a
meeting on a date, who attended, and a decision list PDF made on the job kernel. The ketenkamer
is the table engine's kind "ketenkamer" (tables/), but its meetings keep their model in cases:
the triage decisions (cases) point at them, and cases may not import tables
(tests/zvhd/test_import_graph.py). So what both need lives here, in the house, once:

- `models.DecisionListMeeting`: the abstract meeting (date, attendees, other attendees, the
  decision list's job fields and where its file goes);
- `services.record_attendance`: who attended (a stale save refused);
  `services.request_decision_list`: queue the PDF after the commit;
  `services.drop_decision_lists`: delete the PDFs that printed what a destruction erased;
- `tasks.decision_list_task`: the task body, registered by each app under its own name;
- `views.DecisionListView`: POST starts it, GET polls or downloads, through the model's door;
- `templates/jobs/decision_list_status.html`: the status block on the meeting pages.

What a kind says for itself, on its model: `decision_list_folder` (media folder),
`decision_list_task` (its task's registered name), `decision_list_template` (the PDF's
template), `decision_list_view()` (the view-model it renders) and `decision_list_filename()`.
The content of the list is each kind's own: the ketenkamer prints triage decisions with their
five criteria, a table its agenda items with their decisions and actions.
"""
