"""Data minimisation outside the database: task arguments, application logs, error pages.

- Every Celery task of our apps takes ids only (its signature), and the main flows that queue
  tasks (case registration, report and budget documents, imports) send only ints.
- Application log lines written while a person is registered carry neither BSN nor name.
- The 404, 403 and 500 pages of a person's record show nothing of that person.
"""

import inspect
import io
import logging
from unittest import mock

import pytest
from celery.app.task import Task
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.aftercare.factories import valid_bsn
from tests.cases.factories import make_case, person_data
from zvhd.celery import app
from zvhd.logging import JsonFormatter, PersonalDataFilter

OUR_APPS = ("zvhd.", "cases.", "aftercare.", "advice.", "trafficking.", "finance.", "reports.")
OUR_APPS += ("api.",)
ID_TYPES = {int, "int"}


def our_tasks():
    app.loader.import_default_modules()
    tasks = {name: task for name, task in app.tasks.items() if name.startswith(OUR_APPS)}
    assert len(tasks) >= 10, sorted(tasks)  # the discovery found our apps' tasks
    return tasks


def test_every_task_of_our_apps_takes_ids_only():
    offenders = []
    for name, task in our_tasks().items():
        for param in inspect.signature(task.run).parameters.values():
            # A year (the figures the worker refreshes) says nothing about anyone.
            named = param.name.endswith(("_id", "value")) or param.name == "year"
            if param.annotation not in ID_TYPES or not named:
                offenders.append(f"{name}({param.name}: {param.annotation})")
    assert offenders == [], "Celery tasks take ids only (ints named *_id): " + ", ".join(offenders)


@pytest.fixture
def queued(monkeypatch):
    """Every task sent to the broker: `delay` and a task's `apply_async`, and a task sent by
    its name (`send_task`, the path of a signature whose task is not registered)."""
    from celery import Celery

    sent = []

    def record(self, args=None, kwargs=None, **options):
        sent.append((self.name, tuple(args or ()), dict(kwargs or {})))

    def record_by_name(self, name, args=None, kwargs=None, **options):
        sent.append((name, tuple(args or ()), dict(kwargs or {})))

    monkeypatch.setattr(Task, "apply_async", record)
    monkeypatch.setattr(Celery, "send_task", record_by_name)
    return sent


def assert_ids_only(sent):
    assert sent, "the flow queued no task"
    for name, args, kwargs in sent:
        for value in [*args, *kwargs.values()]:
            assert isinstance(value, int) or (isinstance(value, str) and len(value) <= 20), (
                name,
                value,
            )


@pytest.mark.django_db
def test_main_flows_queue_ids_only(cast, queued, django_capture_on_commit_callbacks):
    from finance import services as finance_services
    from finance.models import DocumentKind as FinanceKind
    from finance.models import FinanceYear
    from reports import services as report_services
    from reports.models import DocumentKind as ReportKind
    from zvhd.imports import services as import_services

    with django_capture_on_commit_callbacks(execute=True):
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            person=person_data(cast.assen, bsn=valid_bsn(), last_name="Vermeulen"),
        )
        report_services.request_document(
            kind=ReportKind.ANNUAL_REPORT, year=2025, requested_by=cast.manager
        )
        year = FinanceYear.objects.create(year=2026)
        finance_services.request_document(
            year=year, kind=FinanceKind.BUDGET, requested_by=cast.financien
        )
        upload = SimpleUploadedFile("casussen.csv", b"achternaam;bsn\nVermeulen;123456782\n")
        import_services.upload_import(kind="cases", upload=upload, requested_by=cast.beheerder)

    names = {name for name, _, _ in queued}
    assert {
        "cases.tasks.notify_new_registration",
        "reports.tasks.render_document",
        "finance.tasks.render_document",
        "zvhd.imports.tasks.validate_import",
    } <= names
    assert_ids_only(queued)


@pytest.mark.django_db
def test_application_logs_of_a_registration_carry_no_bsn_or_name(cast, client_for, queued):
    """Every log line (INFO and up, as in production) through the house filter and formatter."""
    bsn = valid_bsn()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        logging.getLogger("cases").info("aanmelding voor %s", bsn)  # the scrub itself works
        case = make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            person=person_data(cast.assen, bsn=bsn, first_name="Gerrit", last_name="Zwiers"),
        )
        client_for(cast.regisseur).get(reverse("cases:case_detail", args=[case.pk]))
        client_for(cast.gemeente_other).get(reverse("cases:case_detail", args=[case.pk]))
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    output = stream.getvalue()
    assert "[bsn]" in output
    assert bsn not in output
    assert "Zwiers" not in output and "Gerrit" not in output


@pytest.fixture
def named_case(cast):
    from cases.models import Status

    return make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        person=person_data(cast.assen, bsn=valid_bsn(), first_name="Gerrit", last_name="Zwiers"),
    )


def _assert_nothing_personal(response, case):
    html = response.content.decode()
    assert case.person.last_name not in html
    assert case.person.first_name not in html
    assert case.person.bsn not in html


@pytest.mark.django_db
def test_404_of_an_out_of_scope_case_shows_nothing_of_the_person(cast, client_for, named_case):
    response = client_for(cast.gemeente_other).get(
        reverse("cases:case_detail", args=[named_case.pk])
    )
    assert response.status_code == 404
    _assert_nothing_personal(response, named_case)


@pytest.mark.django_db
def test_403_of_a_case_action_shows_nothing_of_the_person(cast, client_for, named_case):
    response = client_for(cast.partner).get(reverse("cases:triage", args=[named_case.pk]))
    assert response.status_code == 403
    _assert_nothing_personal(response, named_case)


@pytest.mark.django_db
def test_500_on_a_case_page_shows_nothing_of_the_person(cast, client, named_case):
    from cases.views import CaseDetailView

    client.raise_request_exception = False
    client.force_login(cast.regisseur)
    failure = RuntimeError(f"kapot bij {named_case.person.last_name} {named_case.person.bsn}")
    with mock.patch.object(CaseDetailView, "get_context_data", side_effect=failure):
        response = client.get(reverse("cases:case_detail", args=[named_case.pk]))
    assert response.status_code == 500
    _assert_nothing_personal(response, named_case)
