"""Retention terms, extension, legal hold and the destruction list with four eyes.

A person whose case, registration, aftercare record and trafficking signal all closed on
3 June 2019 (tests/privacy/retention_data.py) is destroyed; afterwards no text column of any
table holds their name or BSN, and the figures of 2019 are what they were.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from reports.figures import snapshot_figures, year_figures
from reports.models import YearSnapshot
from tests.privacy.retention_data import (
    BIRTH,
    CLOSED,
    FIRST,
    LAST,
    RELATED,
    YEAR,
    make_expired_person,
    tables_and_programme,
)
from zvhd.jobs import JobStatus
from zvhd.privacy import services, tasks
from zvhd.privacy.models import (
    DestructionItem,
    DestructionList,
    DestructionStatus,
    RetentionKind,
    RetentionPolicy,
    add_years,
)
from zvhd.privacy.registry import find_record
from zvhd.privacy.retention import due_records, is_destroyed, retention_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 3)


@pytest.fixture
def person(cast):
    return make_expired_person(cast)


def _number(obj):
    return getattr(obj, "reference", None) or obj.number


def _due_numbers(today):
    return {d.record.number for d in due_records(today)}


def _approved_and_destroyed(cast, capture, *, today=TODAY):
    destruction_list = services.propose_destruction(today=today)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    with capture(execute=True):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=cast.manager
        )
    destruction_list.refresh_from_db()
    return destruction_list


# --- the default terms ------------------------------------------------------------------------


def test_the_data_migration_gives_every_kind_a_documented_default_term():
    terms = {p.kind: p.years for p in RetentionPolicy.objects.all()}
    assert terms == {
        RetentionKind.CASE_MAATWERK: 5,
        RetentionKind.CASE_PGA: 5,
        RetentionKind.REGISTRATION: 2,
        RetentionKind.AFTERCARE: 2,
        RetentionKind.TRAFFICKING: 5,
        RetentionKind.TABLE_SUBJECT: 2,
    }
    assert all(p.rationale and p.history.exists() for p in RetentionPolicy.objects.all())


def test_changing_a_term_keeps_the_old_term_in_the_history(cast):
    policy = RetentionPolicy.objects.get(kind=RetentionKind.AFTERCARE)
    services.update_retention_policy(
        policy=policy, years=3, rationale="Langer: recidive", updated_by=cast.privacy
    )
    assert [h.years for h in policy.history.order_by("history_date")] == [2, 3]
    with pytest.raises(ValidationError) as refused:
        services.update_retention_policy(
            policy=policy, years=0, rationale="x", updated_by=cast.privacy
        )
    assert "1 tot en met 20 jaar" in str(refused.value)


# --- boundaries -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_after_term_end", "due"),
    [(-1, False), (0, False), (1, True)],
    ids=["before", "on", "after"],
)
def test_a_record_is_kept_through_the_last_day_of_its_term_and_due_the_day_after(
    person, days_after_term_end, due
):
    term_end = add_years(CLOSED, 5)  # maatwerk: five years after closing
    today = term_end + timedelta(days=days_after_term_end)
    assert (person["case"].number in _due_numbers(today)) is due


def test_each_kind_has_its_own_term_and_closing_date(person):
    # Two-year kinds (the registration not taken up, aftercare) are due after 3 June 2021,
    # the five-year kinds (the case, the signal) only after 3 June 2024.
    between = date(2022, 1, 1)
    assert _due_numbers(between) == {person["registration"].number, person["record"].number}
    assert _due_numbers(date(2024, 6, 4)) == {
        _number(person[key]) for key in ("case", "registration", "record", "signal")
    }


def test_an_open_record_is_never_due(cast, person):
    from tests.cases.factories import make_case

    open_case = make_case(registered_by=cast.regisseur, municipality=cast.assen)
    assert open_case.number not in _due_numbers(date(2099, 1, 1))


def test_a_term_can_be_extended_once_and_a_second_extension_is_refused(cast, person):
    record = find_record(person["case"].number)
    services.extend_retention(
        record=record, extra_years=2, reason="Lopende klacht", extended_by=cast.privacy
    )
    assert person["case"].number not in _due_numbers(add_years(CLOSED, 7))
    assert person["case"].number in _due_numbers(add_years(CLOSED, 7) + timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        services.extend_retention(
            record=record, extra_years=1, reason="Nog eens", extended_by=cast.privacy
        )
    assert "maar één keer worden verlengd" in str(refused.value)


def test_an_extension_needs_a_reason_and_a_sensible_number_of_years(cast, person):
    record = find_record(person["case"].number)
    with pytest.raises(ValidationError, match="reden"):
        services.extend_retention(
            record=record, extra_years=1, reason=" ", extended_by=cast.privacy
        )
    with pytest.raises(ValidationError, match="1 tot en met 10"):
        services.extend_retention(
            record=record, extra_years=0, reason="x", extended_by=cast.privacy
        )


def test_a_legal_hold_blocks_destruction_and_lifting_it_makes_the_record_due_again(cast, person):
    record = find_record(person["signal"].reference)
    hold = services.place_legal_hold(record=record, reason="Strafzaak", placed_by=cast.privacy)
    assert person["signal"].reference not in _due_numbers(TODAY)
    with pytest.raises(ValidationError, match="al bevroren"):
        services.place_legal_hold(record=record, reason="Nog een", placed_by=cast.privacy)
    services.lift_legal_hold(hold=hold, reason="Zaak afgerond", lifted_by=cast.privacy)
    assert person["signal"].reference in _due_numbers(TODAY)
    assert [h.history_change_reason for h in hold.history.order_by("history_date")] == [
        "Bevriezing geplaatst",
        "Bevriezing opgeheven",
    ]


def test_a_hold_placed_after_approval_still_stops_the_destruction(
    cast, person, django_capture_on_commit_callbacks
):
    destruction_list = services.propose_destruction(today=TODAY)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    services.place_legal_hold(
        record=find_record(person["signal"].reference),
        reason="Vordering OM",
        placed_by=cast.privacy,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=cast.manager
        )
    item = DestructionItem.objects.get(object_id=person["signal"].pk, kind="mensenhandel")
    assert item.excluded and item.destroyed_at is None
    person["signal"].refresh_from_db()
    assert person["signal"].last_name == LAST


def test_a_hold_lifted_before_the_destruction_runs_still_keeps_the_record_for_the_next_check(
    cast, person, django_capture_on_commit_callbacks
):
    """Frozen during review, approved as frozen, lifted before the task runs: the approvers
    never approved destroying it, so it is not destroyed with this list."""
    destruction_list = services.propose_destruction(today=TODAY)
    record = find_record(person["signal"].reference)
    hold = services.place_legal_hold(record=record, reason="Vordering OM", placed_by=cast.privacy)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    destruction_list = services.approve_destruction_list(
        destruction_list=destruction_list, approved_by=cast.manager
    )
    services.lift_legal_hold(hold=hold, reason="Zaak geseponeerd", lifted_by=cast.privacy)
    with django_capture_on_commit_callbacks(execute=True):
        services.execute_destruction_list(destruction_list)
    item = DestructionItem.objects.get(object_id=person["signal"].pk, kind="mensenhandel")
    assert item.excluded and item.destroyed_at is None
    assert "volgende controle" in item.exclude_reason
    person["signal"].refresh_from_db()
    assert person["signal"].last_name == LAST
    # The other records of the list are destroyed as approved; this one is due again.
    assert destruction_list.items.filter(destroyed_at__isnull=False).exists()
    assert person["signal"].reference in _due_numbers(TODAY)


# --- the daily proposal --------------------------------------------------------------------


def test_the_daily_task_is_idempotent(person, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    first = tasks.propose_destruction.apply().get()
    second = tasks.propose_destruction.apply().get()
    assert first is not None and second is None  # the second run finds nothing new
    assert DestructionList.objects.count() == 1
    assert DestructionItem.objects.count() == 4


def test_the_daily_task_is_in_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["privacy-propose-destruction"]
    assert entry["task"] == "zvhd.privacy.tasks.propose_destruction"
    assert entry["schedule"] == timedelta(days=1)
    for task in (
        tasks.propose_destruction,
        tasks.execute_destruction_list,
        tasks.render_destruction_certificate,
    ):
        assert task.acks_late


def test_records_due_later_join_the_open_proposed_list(person):
    first = services.propose_destruction(today=date(2022, 1, 1))
    assert first.items.count() == 2
    again = services.propose_destruction(today=TODAY)
    assert again.pk == first.pk and again.items.count() == 4


def test_an_excluded_record_comes_back_after_its_list_is_executed(
    cast, person, django_capture_on_commit_callbacks
):
    destruction_list = services.propose_destruction(today=TODAY)
    item = destruction_list.items.get(kind=RetentionKind.AFTERCARE)
    services.exclude_destruction_item(item=item, reason="Nog nodig", excluded_by=cast.privacy)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    assert services.propose_destruction(today=TODAY) is None  # still on an unexecuted list
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=cast.manager
        )
    again = services.propose_destruction(today=TODAY)
    assert [i.number for i in again.items.all()] == [person["record"].number]


def test_excluding_needs_a_reason_and_is_only_possible_before_review(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    item = destruction_list.items.first()
    with pytest.raises(ValidationError, match="reden"):
        services.exclude_destruction_item(item=item, reason="", excluded_by=cast.privacy)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    item.refresh_from_db()
    with pytest.raises(ValidationError, match="nog niet is beoordeeld"):
        services.exclude_destruction_item(item=item, reason="x", excluded_by=cast.privacy)


def test_a_frozen_record_is_not_excluded_it_is_kept_by_its_hold(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    item = destruction_list.items.get(kind=RetentionKind.TRAFFICKING)
    services.place_legal_hold(
        record=find_record(item.number), reason="Lopende strafzaak", placed_by=cast.privacy
    )
    with pytest.raises(ValidationError, match="is bevroren en wordt niet vernietigd"):
        services.exclude_destruction_item(item=item, reason="x", excluded_by=cast.privacy)
    item.refresh_from_db()
    assert not item.excluded and item.exclude_reason == ""


# --- four eyes -------------------------------------------------------------------------------


def test_the_reviewer_cannot_approve_their_own_list(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    with pytest.raises(ValidationError, match="vier-ogenprincipe"):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=cast.privacy
        )
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionStatus.REVIEWED


def test_a_second_privacy_officer_may_approve(cast, person, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory
    from zvhd.network.models import Role

    second = UserFactory(username="privacy2", organisation=cast.zvhd, roles=[Role.PRIVACY_OFFICER])
    destruction_list = services.propose_destruction(today=TODAY)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_destruction_list(destruction_list=destruction_list, approved_by=second)
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionStatus.EXECUTED


@pytest.mark.parametrize("name", ["regisseur", "nazorg", "beheerder", "financien", "nobody"])
def test_only_the_approver_roles_may_approve(cast, person, name):
    destruction_list = services.propose_destruction(today=TODAY)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    with pytest.raises(ValidationError, match="privacy officer of de manager"):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=getattr(cast, name)
        )


def test_a_list_cannot_be_approved_before_it_is_reviewed(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    with pytest.raises(ValidationError, match="kan nu niet"):
        services.approve_destruction_list(
            destruction_list=destruction_list, approved_by=cast.manager
        )


def test_the_manager_cannot_review(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    with pytest.raises(ValidationError, match="Alleen de privacy officer"):
        services.review_destruction_list(
            destruction_list=destruction_list, reviewed_by=cast.manager
        )


def test_the_approver_can_send_a_list_back_with_a_reason(cast, person):
    destruction_list = services.propose_destruction(today=TODAY)
    services.review_destruction_list(destruction_list=destruction_list, reviewed_by=cast.privacy)
    services.return_destruction_list(
        destruction_list=destruction_list, reason="Controleer NZ", returned_by=cast.manager
    )
    destruction_list.refresh_from_db()
    assert destruction_list.status == DestructionStatus.PROPOSED
    assert destruction_list.reviewed_by is None


# --- destruction ---------------------------------------------------------------------------


def _text_columns():
    """(table, column) of every text-like column of every table, historical ones included."""
    text_types = ("char", "text", "json", "clob")
    # Array types Django's introspection does not name: text[] and varchar[] may hold a name
    # (searched as text), int4[]/int8[] (the access review's day counts) cannot.
    text_arrays, number_arrays = {1009, 1015}, {1005, 1007, 1016}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if column.type_code in text_arrays:
                    yield table, column.name
                    continue
                if column.type_code in number_arrays:
                    continue
                type_name = connection.introspection.get_field_type(column.type_code, column)
                if any(t in type_name.lower() for t in text_types):
                    yield table, column.name


def _tables_holding(*needles):
    found = []
    columns = list(_text_columns())
    assert any(t.startswith("cases_historical") for t, _ in columns)
    with connection.cursor() as cursor:
        for table, column in columns:
            qn = connection.ops.quote_name
            for needle in needles:
                cursor.execute(
                    f"SELECT count(*) FROM {qn(table)} WHERE CAST({qn(column)} AS TEXT) ILIKE %s",
                    [f"%{needle}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column, needle))
    return found


def _tables_with_date(day):
    """(table, column) of every date column of every table that holds `day`."""
    found = []
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                if column.type_code not in connection.introspection.data_types_reverse:
                    continue  # an array (the access review's counts): no date in it
                type_name = connection.introspection.get_field_type(column.type_code, column)
                if type_name != "DateField":
                    continue
                cursor.execute(
                    f"SELECT count(*) FROM {qn(table)} WHERE {qn(column.name)} = %s", [day]
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found


def _figures_json(year):
    out = io.StringIO()
    call_command("figures", str(year), "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_after_destruction_no_table_holds_the_name_or_bsn_and_the_figures_are_unchanged(
    cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    # The case also in a programme and on a casustafel, the person on a routeeroverleg.
    person = make_expired_person(cast, while_open=tables_and_programme(cast))
    needles = (LAST, FIRST, person["bsn"], "Kerkstraat", "marijke@example.nl", BIRTH.isoformat())
    before = {table for table, _c, _n in _tables_holding(*needles)}
    assert {"cases_person", "cases_historicalperson", "cases_historicalrelatedperson"} <= before
    assert {"aftercare_historicalaftercarerecord", "trafficking_historicalsignal"} <= before
    assert {"tables_agendaitem", "tables_historicalagendaitem", "tables_tableaction"} <= before
    assert _due_numbers(TODAY) >= {person["extra"]["person_item"].reference}
    assert ("cases_historicalperson", "birth_date") in _tables_with_date(BIRTH)
    figures_before = _figures_json(YEAR)
    years_before = year_figures(YEAR)
    snapshot = YearSnapshot._base_manager.create(
        year=YEAR, version=1, created_by=cast.manager, status="done", data=snapshot_figures(YEAR)
    )

    destruction_list = _approved_and_destroyed(cast, django_capture_on_commit_callbacks)

    assert destruction_list.status == DestructionStatus.EXECUTED
    assert _tables_holding(*needles) == []
    assert _tables_with_date(BIRTH) == []  # the real birth date is in no date column either
    assert _figures_json(YEAR) == figures_before
    assert year_figures(YEAR) == years_before
    snapshot.refresh_from_db()
    assert snapshot.data == snapshot_figures(YEAR)
    # The programme period stays for the figures, with only the destruction in its history.
    period = person["extra"]["period"]
    period.refresh_from_db()
    assert period.programme.code == "levensloopaanpak"
    assert [h.history_change_reason for h in period.history.all()] == [
        f"Vernietigd volgens vernietigingslijst {destruction_list.pk}"
    ]


def test_a_destroyed_case_cannot_be_reopened(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    from cases.services import reopen_case

    settings.MEDIA_ROOT = tmp_path
    case = person["case"]
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="vernietigd"):
        reopen_case(case=case, reopened_by=cast.manager, reason="toch weer zorgen")
    case.refresh_from_db()
    assert case.status == "afgesloten"


def test_a_destroyed_record_can_be_neither_extended_nor_frozen(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assert not is_destroyed(person["case"])
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    for obj in (person["case"], person["record"], person["signal"]):
        record = find_record(_number(obj))
        # One rule, asked for a model instance and for the privacy pages' record.
        assert is_destroyed(obj) and retention_of(record).destroyed
        with pytest.raises(ValidationError, match="al vernietigd"):
            services.extend_retention(
                record=record, extra_years=1, reason="Klacht", extended_by=cast.privacy
            )
        with pytest.raises(ValidationError, match="al vernietigd"):
            services.place_legal_hold(record=record, reason="Procedure", placed_by=cast.privacy)


def test_the_records_and_their_counted_rows_stay_anonymised(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = person["case"]
    problem_areas = set(case.problem_areas.values_list("code", flat=True))
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.number and case.status == "afgesloten" and case.closed_on == CLOSED
    assert set(case.problem_areas.values_list("code", flat=True)) == problem_areas
    assert case.person.last_name == "geanonimiseerd" and case.person.bsn == ""
    assert case.person.age_on(date(YEAR, 1, 14)) == 37  # the same age at registration
    assert not case.related_persons.exists() and not case.enrichments.exists()
    assert [h.history_change_reason for h in case.history.all()] == [
        f"Vernietigd volgens vernietigingslijst {DestructionList.objects.get().pk}"
    ]
    record = person["record"]
    record.refresh_from_db()
    assert record.bsn.startswith("X") and record.birth_date == date(1981, 1, 1)
    signal = person["signal"]
    signal.refresh_from_db()
    assert signal.birth_date is None and signal.age_class == person["signal"].age_class


def test_the_access_log_keeps_who_read_what_but_loses_search_terms(
    cast, person, client_for, django_capture_on_commit_callbacks, settings, tmp_path
):
    from tests.privacy.helpers import log_at
    from zvhd.privacy.models import AccessLog

    settings.MEDIA_ROOT = tmp_path
    from django.db.models.query import QuerySet
    from django.utils import timezone

    row = log_at(timezone.now(), user=cast.regisseur, obj=person["case"])
    # A list page shown after a search logs the path with the search term in it.

    QuerySet.update(AccessLog.objects.filter(pk=row.pk), path=f"/casussen/?zoek={LAST}")
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    row = AccessLog.objects.get(pk=row.pk)
    assert row.path == "/casussen/" and row.username == "regisseur"


def test_the_destroy_task_is_safe_to_run_twice(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    destruction_list = _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    destroyed_at = set(destruction_list.items.values_list("destroyed_at", flat=True))
    assert tasks.execute_destruction_list.apply(args=[destruction_list.pk]).get() == "skipped"
    # Even forced to run again (a redelivery after a crash), it changes nothing.
    DestructionList.objects.filter(pk=destruction_list.pk).update(destroy_status=JobStatus.RUNNING)
    assert tasks.execute_destruction_list.apply(args=[destruction_list.pk]).get() == "done"
    assert set(destruction_list.items.values_list("destroyed_at", flat=True)) == destroyed_at
    assert _tables_holding(LAST, person["bsn"]) == []


def test_the_certificate_names_kinds_counts_ids_and_approvers_but_no_person(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    destruction_list = _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    assert destruction_list.certificate_status == JobStatus.DONE
    path = tmp_path / "cert.pdf"
    path.write_bytes(destruction_list.certificate.read())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Verklaring van vernietiging" in text
    for key in ("case", "registration", "record", "signal"):
        assert _number(person[key]) in text
        assert f" {person[key].pk}" in text
    for label in ("Casus procesregie maatwerk", "Aanmelding zonder procesregie", "Nazorgdossier"):
        assert label in text
    assert "Signaal mensenhandel" in text
    assert "Aantal vernietigd 4" in " ".join(text.split())
    assert cast.privacy.get_full_name() in text and cast.manager.get_full_name() in text
    for needle in (LAST, FIRST, person["bsn"], RELATED):
        assert needle not in text


# --- what each kind covers, and shared rows --------------------------------------------------


@pytest.mark.parametrize(
    ("status", "kind", "expected", "closing"),
    [
        ("afgesloten", "maatwerk", RetentionKind.CASE_MAATWERK, "closed_on"),
        ("afgesloten", "pga", RetentionKind.CASE_PGA, "closed_on"),
        ("niet_opgepakt", "", RetentionKind.REGISTRATION, "triaged_on"),
        ("advies", "", RetentionKind.REGISTRATION, "triaged_on"),
        ("ingetrokken", "", RetentionKind.REGISTRATION, "triaged_on"),
        ("afgesloten", "", RetentionKind.REGISTRATION, "closed_on"),  # ondersteuning, closed
        ("ondersteuning", "", RetentionKind.REGISTRATION, None),  # still running
        ("actief", "maatwerk", RetentionKind.CASE_MAATWERK, None),
    ],
)
def test_each_case_status_falls_under_one_kind_with_its_own_closing_date(
    status, kind, expected, closing
):
    from cases.models import Case
    from cases.privacy import _kind_and_closing

    case = Case(status=status, kind=kind, triaged_on=date(2020, 1, 2), closed_on=date(2021, 3, 4))
    found_kind, closed_on = _kind_and_closing(case)
    assert found_kind == expected
    assert closed_on == (getattr(case, closing) if closing else None)


def test_a_person_with_a_case_still_running_keeps_their_data_there(
    cast, django_capture_on_commit_callbacks, settings, tmp_path
):
    from cases.models import Case, Person
    from tests.cases.factories import make_case

    settings.MEDIA_ROOT = tmp_path
    person = make_expired_person(cast)
    running = make_case(
        registered_by=cast.regisseur, municipality=cast.assen, person=person["case"].person
    )
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    running = Case._base_manager.get(pk=running.pk)
    assert running.person.last_name == LAST and running.person.bsn == person["bsn"]
    destroyed = Case._base_manager.get(pk=person["case"].pk)
    assert destroyed.person_id != running.person_id
    assert Person.objects.filter(last_name=LAST).count() == 1


def test_a_ketenkamer_decision_list_that_named_the_case_is_deleted(
    cast, person, django_capture_on_commit_callbacks, settings, tmp_path
):
    from django.core.files.base import ContentFile

    from cases.models import Ketenkamer, TriageDecision

    settings.MEDIA_ROOT = tmp_path
    ketenkamer = Ketenkamer.objects.create(date=date(YEAR, 1, 21))
    ketenkamer.decision_list_file.save("besluiten.pdf", ContentFile(LAST.encode()), save=False)
    ketenkamer.decision_list_status = "done"
    ketenkamer.save()
    path = ketenkamer.decision_list_file.path
    TriageDecision._base_manager.filter(case=person["case"]).update(ketenkamer=ketenkamer)
    _approved_and_destroyed(cast, django_capture_on_commit_callbacks)
    ketenkamer.refresh_from_db()
    assert not ketenkamer.decision_list_file and ketenkamer.decision_list_status == ""
    assert not os.path.exists(path)
