"""Filters, sorting and search are no oracle (issue 18, item 5).

A reader may filter, sort and search a list only on what they may see of its records. The walk
below takes every filter set of the project (found by walking the classes, so a new one cannot
be forgotten), every filter of it, every value of that filter, for every user of the cast, on
the real list page, and checks:

- a filter on a level the reader sees on no record answers exactly the list without it;
- a filter on a level the reader sees on some records answers only records of that scope;
- a filter that needs no level is on a field the list shows (a table per list below, written
  from the templates, not from the filter sets);
- `?sort=` on anything but a sortable column the reader is shown leaves the order unchanged;
- the free-text search finds a record only through a field the reader sees.
"""

from __future__ import annotations

import contextlib
import importlib
import re
from dataclasses import dataclass, field
from datetime import date

import django_filters
import pytest
from django.apps import apps
from django.urls import reverse

from cases.filters import CaseFilter, TriageFilter
from cases.models import Case, Status
from cases.policy import NAMES, names_filter
from tests.advice.factories import (
    AdviceRecordFactory,
    DirectoryEntryFactory,
    PatternSignalFactory,
)
from tests.advice.factories import topic as advice_topic
from tests.aftercare.factories import make_record, participate
from tests.cases.factories import make_case, person_data
from tests.trafficking.factories import make_signal
from zvhd.filters import ScopedFilterSet

pytestmark = pytest.mark.django_db

ALL_SHOWN = "__all__"  # every reader of the list sees every field of its records
# The values of the world that matter, for the lists walked a second time with one filter set.
FOCUS = {"mensenhandel", "radicalisering", "multiproblematiek", "Geheim"}


@dataclass
class ListSpec:
    url: str
    detail: str  # the URL name of a record's page: its links are the list's rows
    filterset: type
    # The fields the list shows to everyone who may open it (filter field names), or ALL_SHOWN.
    shown: set[str] | str
    # Search terms to try, and which records the reader may find by them (see below).
    terms: list[str] = field(default_factory=list)


def _lists():
    from advice.filters import AdviceFilter, DirectoryFilter
    from advice.filters import SignalFilter as PatternFilter
    from aftercare.filters import RecordFilter
    from cases.filters import ExchangeFilter
    from trafficking.filters import SignalFilter
    from zvhd.network.filters import OrganisationFilter, UserFilter

    summary = {"status", "kind", "municipality", "director", "registered_at"}
    return [
        # The case list's summary (cases/tables.py): number, status, kind, municipality,
        # director, registration date; the person only where NAMES allows.
        ListSpec(
            "cases:case_list",
            "cases:case_detail",
            CaseFilter,
            summary,
            ["Geheim", "Zichtbaar", "123456782", "Jan"],
        ),
        ListSpec("cases:my_cases", "cases:case_detail", CaseFilter, summary, ["Geheim"]),
        # The triage list: CaseFilter without what a registration does not have yet.
        ListSpec("cases:triage_queue", "cases:case_detail", TriageFilter, summary, ["Geheim"]),
        # Who reads an advice record (bureau, the municipal contact for their municipality)
        # reads all of it, the requester included (advice_detail.html).
        ListSpec("advice:list", "advice:detail", AdviceFilter, ALL_SHOWN, ["woonoverlast"]),
        ListSpec("advice:directory", "advice:directory_detail", DirectoryFilter, ALL_SHOWN),
        ListSpec("advice:signal_list", "advice:signal_detail", PatternFilter, ALL_SHOWN),
        # The coordinators' list: only the nazorgcoördinator, who sees every record whole.
        ListSpec(
            "aftercare:record_list", "aftercare:record_detail", RecordFilter, ALL_SHOWN, ["Boer"]
        ),
        # The pseudonymised list (the manager): number, date, forms, municipality, reporter,
        # status; names only with IDENTIFY.
        ListSpec(
            "trafficking:signal_list",
            "trafficking:signal_detail",
            SignalFilter,
            {"status", "forms__form", "municipality", "received_on__year"},
            ["Jansen", "MH-"],
        ),
        # The register of exchanges: only the privacy officer, who sees every field of it
        # (numbers, partners, bases, purposes; never content). Its rows link nowhere.
        ListSpec("cases:exchanges", "cases:case_detail", ExchangeFilter, ALL_SHOWN),
        ListSpec("network:user_list", "network:user_detail", UserFilter, ALL_SHOWN, ["regis"]),
        ListSpec(
            "network:organisation_list",
            "network:organisation_update",
            OrganisationFilter,
            ALL_SHOWN,
        ),
    ]


def project_filtersets() -> set[type]:
    """Every FilterSet class defined in the project's own apps."""
    for config in apps.get_app_configs():
        if config.path.startswith(str(_project_root())):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{config.name}.filters")
    found, todo = set(), [django_filters.FilterSet]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            module = sub.__module__
            if not module.startswith(("django_filters", "rest_framework", "tests.")):
                found.add(sub)
    return found


def _project_root():
    from django.conf import settings

    return settings.BASE_DIR


def test_every_filter_set_of_the_project_is_scoped_and_walked():
    walked = {spec.filterset for spec in _lists()}
    for cls in project_filtersets():
        if cls is ScopedFilterSet:
            continue
        assert issubclass(cls, ScopedFilterSet), f"{cls.__qualname__} is not a ScopedFilterSet"
        assert cls in walked, f"{cls.__module__}.{cls.__qualname__} is not in the walk"


@pytest.mark.parametrize("spec", _lists(), ids=lambda spec: spec.url)
def test_a_filter_without_a_level_is_on_a_field_the_list_shows(spec):
    if spec.shown == ALL_SHOWN:
        return
    for name, filter_ in spec.filterset.base_filters.items():
        if name in spec.filterset.levels or filter_.method:
            continue  # scoped by its level / a search method, walked below
        assert filter_.field_name in spec.shown, (
            f"{spec.url}: ?{name}= filters on {filter_.field_name}, which the list does not show;"
            " give it a level in `levels`"
        )


# ---------------------------------------------------------------------------------------------
# The world: records of every list, with values that differ in what a reader may not see.


@pytest.fixture
def world(cast):
    year = date.today().year
    participate(cast.assen, year - 1, year)
    hidden = {}
    # Assen: two trafficking/radicalisation cases the municipal contact sees as summaries only,
    # one of them directed by `regisseur` (so he sees its file), one by `regisseur_other`.
    hidden["own"] = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
        team=[cast.partner],
        topic="mensenhandel",
        person=person_data(cast.assen, last_name="Zichtbaar", bsn="123456782"),
    )
    hidden["other"] = make_case(
        registered_by=cast.partner_other,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
        topic="radicalisering",
        person=person_data(cast.assen, last_name="Geheim"),
    )
    hidden["plain"] = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.IN_TRIAGE,
        topic="multiproblematiek",
        person=person_data(cast.assen, last_name="Geheimhouder"),
    )
    hidden["emmen"] = make_case(
        registered_by=cast.liaison_politie,
        municipality=cast.emmen,
        status=Status.ACTIEF,
        director=cast.regisseur_other,
        topic="mensenhandel",
    )
    AdviceRecordFactory(municipality=cast.assen, topic=advice_topic())
    AdviceRecordFactory(municipality=cast.emmen, question="Wie helpt bij woonoverlast?")
    DirectoryEntryFactory(organisation=cast.ggz)
    PatternSignalFactory(created_by=cast.regisseur)
    make_record(municipality=cast.assen, by=cast.nazorg, last_name="de Boer")
    make_signal(by=cast.mensenhandel, organisation=cast.politie, municipality=cast.assen)
    make_signal(
        by=cast.mensenhandel,
        organisation=cast.ggz,
        municipality=cast.emmen,
        last_name="Pietersen",
        bsn="",
        forms=("arbeid",),
    )
    return hidden


def rows(client, url, detail, query=""):
    """The records a list page shows, in order: the pks of its links to record pages."""
    response = client.get(f"{reverse(url)}?{query}" if query else reverse(url))
    if response.status_code != 200:
        return response.status_code, None
    marker = 987654321
    head, tail = reverse(detail, args=[marker]).split(str(marker))
    pattern = re.compile(re.escape(head) + r"(\d+)" + re.escape(tail) + '"')
    seen = []
    for pk in pattern.findall(response.content.decode()):
        if int(pk) not in seen:
            seen.append(int(pk))
    return 200, (seen, response)


def filter_values(filterset, filter_, terms):
    """Every value worth trying for one filter."""
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return [str(pk) for pk in filter_.queryset.values_list("pk", flat=True)[:20]]
    if isinstance(filter_, django_filters.ChoiceFilter):
        choices = filter_.extra.get("choices") or []
        if callable(choices):
            choices = choices()
        return [str(value) for value, _label in choices if value != ""]
    if isinstance(filter_, django_filters.BooleanFilter):
        return ["true", "false"]
    if isinstance(filter_, django_filters.DateFilter):
        return [date.today().replace(month=1, day=1).isoformat(), date.today().isoformat()]
    if isinstance(filter_, django_filters.NumberFilter):
        return [str(date.today().year), "2025"]
    if isinstance(filter_, django_filters.CharFilter):
        return terms or ["a"]
    raise AssertionError(f"no values for {type(filter_).__name__}: add them to the walk")


def level_ids(spec, user, level) -> set[int] | None:
    """The records of `level` the user sees, from the app's own door (None: none at all)."""
    if issubclass(spec.filterset, CaseFilter):
        scope = names_filter(user) if level == NAMES else None
        if level != NAMES:
            from cases.policy import case_filter

            scope = case_filter(user, level)
        if scope is None:
            return None
        return set(Case.objects.filter(scope).values_list("pk", flat=True))
    from trafficking.models import Signal, may

    return set(Signal.objects.values_list("pk", flat=True)) if may(user, level) else None


def test_every_filter_of_every_list_answers_only_what_the_reader_sees(world, cast, client_for):
    """Every value of a filter that needs a level, for every reader. A filter without a level
    is on a field the list shows (checked above), so here only that it answers a 200 within
    the list: one value of a plain one; every value of one with a method of its own (the
    search, the status groups) for the list's first reader, the focus values or the first
    two for the others (every value for every reader was ~500 requests more, a third of
    this walk's minute on the CI machine). The lists that share a filter set over a narrower
    queryset (my cases, triage) are walked with the levelled filters only."""
    walked_whole, walked_all_values = set(), set()
    for name, user in cast.by_role():
        client = client_for(user)
        for spec in _lists():
            status, plain = rows(client, spec.url, spec.detail)
            if status != 200:
                continue
            plain_ids, response = plain
            # The filter set the page built for this reader: what it dropped, what it scopes.
            filterset = response.context.get("filter")
            whole = (spec.filterset, name) not in walked_whole
            walked_whole.add((spec.filterset, name))
            first_reader = spec.url not in walked_all_values
            walked_all_values.add(spec.url)
            for fname, filter_ in spec.filterset.base_filters.items():
                level = spec.filterset.levels.get(fname)
                values = filter_values(filterset, filter_, spec.terms)
                if level is None and not filter_.method:
                    values = values[:1] if whole else []
                elif not whole or (level is None and not first_reader):
                    values = [v for v in values if v in FOCUS] or values[:2]
                for value in values:
                    status, result = rows(client, spec.url, spec.detail, f"{fname}={value}")
                    assert status == 200, (name, spec.url, fname, value, status)
                    ids = result[0]
                    assert set(ids) <= set(plain_ids), (name, spec.url, fname, value)
                    if level is None:
                        continue
                    visible = level_ids(spec, user, level)
                    if visible is None:
                        assert ids == plain_ids, (
                            f"{name}: ?{fname}={value} on {spec.url} answers what it may not see"
                        )
                        assert fname not in filterset.form.fields, (name, spec.url, fname)
                    else:
                        assert set(ids) <= visible, (name, spec.url, fname, value)


def test_the_municipal_contact_gets_no_answer_about_topics(world, cast, client_for):
    """The probe's finding: the topic of Assen's cases through `?topic=`."""
    client = client_for(cast.gemeente)
    _, (everything, _) = rows(client, "cases:case_list", "cases:case_detail")
    assert {world["own"].pk, world["other"].pk, world["plain"].pk} <= set(everything)
    for topic in ("mensenhandel", "radicalisering", "multiproblematiek", "nonsense"):
        _, (ids, response) = rows(client, "cases:case_list", "cases:case_detail", f"topic={topic}")
        assert ids == everything
        assert b'name="topic"' not in response.content


def test_a_director_filters_topics_only_within_the_files_he_may_open(world, cast, client_for):
    client = client_for(cast.regisseur)
    _, (ids, response) = rows(client, "cases:case_list", "cases:case_detail", "topic=mensenhandel")
    assert ids == [world["own"].pk]  # not Emmen's trafficking case of his colleague
    assert b'name="topic"' in response.content
    _, (ids, _) = rows(client, "cases:case_list", "cases:case_detail", "topic=radicalisering")
    assert ids == []


def test_the_search_finds_a_person_only_for_who_may_see_the_name(world, cast, client_for):
    for name, user in cast.by_role():
        client = client_for(user)
        status, result = rows(client, "cases:case_list", "cases:case_detail", "q=Geheim")
        if status != 200:
            continue
        visible = level_ids(_lists()[0], user, NAMES) or set()
        assert set(result[0]) <= visible, name
    # ...and by number for everyone who sees the summary.
    client = client_for(cast.gemeente)
    _, (ids, _) = rows(client, "cases:case_list", "cases:case_detail", f"q={world['other'].number}")
    assert ids == [world["other"].pk]


def test_the_trafficking_search_matches_names_only_with_identify(world, cast, client_for):
    _, (ids, _) = rows(
        client_for(cast.manager), "trafficking:signal_list", "trafficking:signal_detail", "q=Jan"
    )
    assert ids == []
    _, (ids, _) = rows(
        client_for(cast.mensenhandel),
        "trafficking:signal_list",
        "trafficking:signal_detail",
        "q=Jansen",
    )
    assert len(ids) == 1


def test_sorting_on_anything_but_a_shown_column_changes_nothing(world, cast, client_for):
    """django-tables2 sorts only on the columns of the table the view chose for the reader, and
    the case lists only on their own sortable columns (cases.views.lists.SORTS).

    Every field and filter name of every list, for every reader, through the table the page
    built for them; and on the real page for the sort keys that would tell something."""
    for name, user in cast.by_role():
        client = client_for(user)
        for spec in _lists():
            status, plain = rows(client, spec.url, spec.detail)
            if status != 200:
                continue
            table = plain[1].context.get("table")
            columns = getattr(table, "columns", None)
            if columns is None and hasattr(table, "headers"):
                # The case lists: sortable headers only among the columns shown (cases.tables),
                # each with its own link; every other key is probed on the page below.
                shown = {header.label for header in table.headers}
                sortable = {header.label for header in table.headers if header.href}
                assert sortable <= shown and sortable <= {
                    "Nummer",
                    "Status",
                    "Aangemeld",
                    "Evaluatie",
                }, (name, spec.url, sortable)
            if columns is None:
                continue
            sortable = {column.name for column in columns if column.orderable}
            model = spec.filterset._meta.model
            keys = {f.name for f in model._meta.get_fields()} | set(spec.filterset.base_filters)
            for key in sorted(keys - sortable):
                table.order_by = (key,)
                assert not table.order_by, (name, spec.url, key)
    probes = [
        (
            cast.gemeente,
            "cases:case_list",
            "cases:case_detail",
            ["topic", "-topic", "person", "-person__last_name", "bsn", "-urgency"],
        ),
        # The triage list shows no review date: no sorting by one.
        (cast.ondersteuner, "cases:triage_queue", "cases:case_detail", ["evaluatie", "-kind"]),
        (
            cast.manager,
            "trafficking:signal_list",
            "trafficking:signal_detail",
            ["last_name", "-birth_date", "nationality", "gender", "age_class", "minor", "-minor"],
        ),
    ]
    for user, url, detail, keys in probes:
        client = client_for(user)
        _, (plain_ids, _) = rows(client, url, detail)
        for key in keys:
            _, (ids, _) = rows(client, url, detail, f"sort={key}")
            assert ids == plain_ids, (user.username, url, key)
