"""Two editors on one record: the conflict test every app's edit forms share (zvhd.versions).

Both open the form; the first saves; the second saves what they typed on the version they
opened. The second must get the Dutch conflict message with the difference, keep their input in
the form, overwrite nothing, and, saving again on the new version, land next to the first
editor's version in the record's history.
"""

from __future__ import annotations

from django.utils.html import escape

CONFLICT = "Iemand anders heeft dit intussen gewijzigd"
DIFF_CAPTION = "Wat er is veranderd sinds u het formulier opende"


def form_data(form) -> dict:
    """What a browser would post for `form` as it was rendered (its initial values)."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif isinstance(value, (list, tuple)):
            data[field.html_name] = [str(v) for v in value]
        elif value is not None:
            data[field.html_name] = str(value)
    return data


def two_editors(
    client_for,
    *,
    url: str,
    first,
    second,
    record,
    field: str,
    first_value: str,
    second_value: str,
    extra: dict | None = None,
    form_field: str | None = None,
    message: str = CONFLICT,
    success_status: int = 302,
    conflict_status: int = 200,
):
    """Run the two-editor scenario on `record`'s form at `url`, changing `field` (with the
    other fields as the form showed them, plus `extra`)."""
    extra = extra or {}
    posted = form_field or field
    opened = client_for(second).get(url)
    assert opened.status_code == 200
    form = opened.context["form"]
    opened_version = record.version
    assert form["version"].value() == opened_version  # the form carries the version
    second_sees = form_data(form)

    first_sees = form_data(client_for(first).get(url).context["form"])
    saved = client_for(first).post(url, {**first_sees, **extra, posted: first_value})
    assert saved.status_code == success_status, saved.content.decode()[:2000]
    record.refresh_from_db()
    assert getattr(record, field) == first_value
    assert record.version == opened_version + 1

    refused = client_for(second).post(url, {**second_sees, **extra, posted: second_value})
    text = refused.content.decode()
    assert refused.status_code == conflict_status
    assert message in text
    assert DIFF_CAPTION in text  # what changed, field by field
    assert escape(first_value) in text  # the other version...
    assert escape(second_value) in text  # ...and the editor's own input, still in the form
    assert str(refused.context["form"]["version"].value()) == str(opened_version + 1)
    record.refresh_from_db()
    assert getattr(record, field) == first_value  # nothing overwritten
    assert record.version == opened_version + 1

    again = client_for(second).post(
        url, {**second_sees, **extra, posted: second_value, "version": opened_version + 1}
    )
    assert again.status_code == success_status, again.content.decode()[:2000]
    record.refresh_from_db()
    assert getattr(record, field) == second_value
    kept = list(record.history.values_list(field, flat=True))
    assert first_value in kept and second_value in kept  # the history keeps both
    return refused
