"""Reference data is part of the product: there after `migrate`, loaded once, never overwritten.

The test database is made by `migrate`, so what these tests find without building anything is
what an empty installation has (zvhd/network/reference.py), besides the test cast (its places
are reference rows; it adds only users). None of them uses the demo.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.urls import reverse

from advice.models import Topic
from advice.reference_data import TOPICS
from aftercare.models import Participation
from aftercare.reference_data import AFTERCARE_MUNICIPALITIES
from cases.models import ClosingReason
from cases.reference_data import PROBLEM_AREAS
from tests.cast import CAST_USERS
from tests.factories import UserFactory
from zvhd.network import reference_data as ref
from zvhd.network.models import (
    Municipality,
    Organisation,
    OrganisationKind,
    Population,
    ReferenceRow,
    Role,
    Term,
    User,
)
from zvhd.network.reference import INHABITANTS, POPULATION_YEAR
from zvhd.privacy.defaults import DEFAULT_TERMS
from zvhd.privacy.models import RetentionPolicy

pytestmark = pytest.mark.django_db

# "ST" is printed in the 2020 report without saying who it is (reference_data.FIGURE_CATEGORIES);
# the two municipal categories are chosen per registration by its domain.
NO_ORGANISATION_OF_ITS_OWN = {"ST", "Gemeente veiligheid", "Gemeente sociaal domein"}


def snapshot():
    return {
        model.__name__: sorted(map(repr, model.objects.values()))
        for model in [
            Group,
            Municipality,
            Population,
            Organisation,
            Topic,
            Term,
            Participation,
            RetentionPolicy,
            ReferenceRow,
        ]
    }


def test_after_migrate_an_empty_installation_has_its_municipalities_and_partners():
    assert set(User.objects.values_list("username", flat=True)) <= set(CAST_USERS), "no demo"
    municipalities = {m.cbs_code: m for m in Municipality.objects.all()}
    assert set(municipalities) == {item["cbs_code"] for item in ref.MUNICIPALITIES}
    assert len(municipalities) == 12
    assert municipalities["GM0106"].name == "Assen"
    populations = {
        p.municipality.cbs_code: p for p in Population.objects.select_related("municipality")
    }
    assert {code: p.inhabitants for code, p in populations.items()} == INHABITANTS
    assert {p.year for p in populations.values()} == {POPULATION_YEAR}
    assert all("CBS, 1 januari 2024" in p.source for p in populations.values())

    # Every registering partner the annual report counts has an organisation of its own.
    categories = set(Organisation.objects.values_list("figure_category", flat=True))
    assert set(ref.FIGURE_CATEGORIES) - categories == NO_ORGANISATION_OF_ITS_OWN
    assert {"JB Noord jeugdbescherming", "JB Noord jeugdreclassering"} <= categories
    assert {"Leger des Heils welzijn", "Leger des Heils reclassering"} <= categories
    probation = Organisation.objects.filter(kind=OrganisationKind.RECLASSERING)
    assert probation.count() == 3
    # ... and every municipality one, whose registrations count as veiligheid or sociaal domein.
    municipal = Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)
    assert sorted(municipal.values_list("municipality__cbs_code", flat=True)) == sorted(
        municipalities
    )
    assert Organisation.objects.filter(kind=OrganisationKind.ZVHD).count() == 1
    assert Organisation.objects.count() == len(ref.ORGANISATIONS)


def test_after_migrate_the_lookup_lists_and_roles_are_there():
    assert list(Topic.objects.values_list("code", flat=True)) == [
        *(code for code, _label in TOPICS),
        "overig",
    ]
    # The cases' lookup lists, as Term rows the functioneel beheerder keeps (zvhd.terms).
    assert list(
        Term.objects.filter(vocabulary="probleemgebied").values_list("code", flat=True)
    ) == [code for code, _label in PROBLEM_AREAS]
    assert Term.objects.filter(vocabulary="aandachtsgebied").count() == len(TOPICS)
    assert Term.objects.filter(vocabulary="afsluitreden").count() == len(ClosingReason)
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}
    assert set(RetentionPolicy.objects.values_list("kind", flat=True)) == {
        kind for kind, _years, _why in DEFAULT_TERMS
    }
    for year, names in AFTERCARE_MUNICIPALITIES.items():
        assert sorted(
            Participation.objects.municipalities_in(year).values_list("name", flat=True)
        ) == sorted(names)


def test_seed_reference_twice_changes_nothing():
    before = snapshot()
    out = io.StringIO()
    call_command("seed_reference", stdout=out)
    call_command("seed_reference", stdout=out)
    assert snapshot() == before
    assert out.getvalue() == "Referentiegegevens: alles was er al.\n" * 2


def test_an_emptied_database_gets_them_back_from_migrate():
    """What `migrate` on an empty database and the flush of a browser test both do."""
    expected = snapshot()
    from tables.models import Table

    Table.objects.all().delete()  # the cast's ketenkamer table: its chair is protected
    User.objects.all().delete()  # the test cast's; it comes back with the reference data
    Participation.objects.all().delete()
    Organisation.objects.all().delete()
    Population.objects.all().delete()
    Municipality.objects.all().delete()
    Topic.objects.all().delete()
    Term.objects.all().delete()
    ReferenceRow.objects.all().delete()
    assert not Municipality.objects.exists()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    for name, rows in snapshot().items():
        if name in {"Group", "RetentionPolicy"}:
            assert rows == expected[name]
        else:  # new primary keys and load times; the same rows
            assert len(rows) == len(expected[name]), name
    assert Municipality.objects.count() == 12
    assert Organisation.objects.filter(name="GGZ Drenthe").exists()


def test_what_the_beheerder_changed_is_never_overwritten_or_put_back(client):
    beheerder = UserFactory(
        organisation=Organisation.objects.get(kind=OrganisationKind.ZVHD),
        roles=[Role.FUNCTIONEEL_BEHEERDER],
    )
    client.force_login(beheerder)
    ggz = Organisation.objects.get(name="GGZ Drenthe")
    response = client.post(
        reverse("network:organisation_update", args=[ggz.pk]),
        {
            "name": "GGZ Drenthe (Assen)",
            "short_name": "GGZ",
            "kind": OrganisationKind.GGZ,
            "figure_category": "GGZ Drenthe",
            "municipality": "",
            "active": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assen = Population.objects.get(municipality__name="Assen", year=POPULATION_YEAR)
    assen.inhabitants = 69512
    assen.save()
    Participation.objects.filter(year=2020, municipality__name="Tynaarlo").delete()

    call_command("seed_reference", stdout=io.StringIO())
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    ggz.refresh_from_db()
    assert (ggz.name, ggz.short_name, ggz.active) == ("GGZ Drenthe (Assen)", "GGZ", False)
    assert not Organisation.objects.filter(name="GGZ Drenthe").exists()
    assert Population.objects.get(pk=assen.pk).inhabitants == 69512
    assert not Participation.objects.filter(year=2020, municipality__name="Tynaarlo").exists()


def test_a_row_that_was_there_before_the_loader_is_adopted_as_it_is():
    """A database that had the demo before this loader existed: its rows are kept."""
    vtd = Organisation.objects.get(name="Veilig Thuis Drenthe")
    Organisation.objects.filter(pk=vtd.pk).update(short_name="Veilig Thuis")
    ReferenceRow.objects.all().delete()

    call_command("seed_reference", stdout=io.StringIO())

    assert Organisation.objects.get(pk=vtd.pk).short_name == "Veilig Thuis"
    assert Organisation.objects.filter(name="Veilig Thuis Drenthe").count() == 1
    assert ReferenceRow.objects.filter(kind="organisatie", key="Veilig Thuis Drenthe").exists()


def test_a_legacy_file_imports_into_a_database_that_never_saw_the_demo():
    """Only what `migrate` loaded and one account: the partners and municipalities of an old
    file are found without the demo or the test cast."""
    from advice.imports import COLUMNS as ADVICE_COLUMNS
    from advice.imports import AdviceImporter
    from advice.models import AdviceRecord
    from cases.imports import COLUMNS as CASE_COLUMNS
    from cases.imports import CaseImporter
    from cases.models import Case
    from zvhd.imports.framework import run_import

    importer = UserFactory(
        organisation=Organisation.objects.get(kind=OrganisationKind.ZVHD),
        roles=[Role.FUNCTIONEEL_BEHEERDER],
    )
    assert not Case.objects.exists() and not AdviceRecord.objects.exists()
    case = {
        "external_id": "OUD-77",
        "registration_date": "2020-06-01",
        "registering_organisation": "JB Noord jeugdreclassering",
        "registering_domain": "",
        "municipality": "Hoogeveen",
        "last_name": "Smit",
        "first_names": "Kees",
        "birth_date": "2003-02-01",
        "gender": "m",
        "bsn": "111222333",
        "decision": "maatwerk",
        "decision_date": "2020-06-08",
        "direction_start_date": "2020-06-08",
        "closed_date": "2020-12-01",
        "closing_reason": "doel_bereikt",
        "problem_areas": "verslaving",
        "main_topic": "multiproblematiek",
        "cross_municipal": "nee",
        "process_director": "",
    }
    municipal = {
        **case,
        "external_id": "OUD-78",
        "registering_organisation": "Gemeente Westerveld",
        "registering_domain": "veiligheid",
        "municipality": "Westerveld",
        "bsn": "",
    }
    content = "\n".join(
        ";".join(row.get(column, "") for column in CASE_COLUMNS)
        for row in [dict(zip(CASE_COLUMNS, CASE_COLUMNS, strict=True)), case, municipal]
    ).encode()
    result = run_import(CaseImporter(imported_by=importer), content, "oud.csv", dry_run=False)
    assert (result.ok, result.created) == (True, 2), result.problems
    imported = Case.objects.get(origin__contains="OUD-77")
    assert imported.registering_organisation.figure_category == "JB Noord jeugdreclassering"
    assert imported.municipality.cbs_code == "GM0118"

    advice = "\n".join(
        [
            ",".join(ADVICE_COLUMNS),
            "A-9,2020-02-03,advies,Leger des Heils,Meppel,multiproblematiek",
        ]
    ).encode()
    result = run_import(AdviceImporter(imported_by=importer), advice, "a.csv", dry_run=False)
    assert (result.ok, result.created) == (True, 1), result.problems
    record = AdviceRecord.objects.get()
    assert (record.organisation.name, record.municipality.name) == (
        "Leger des Heils",
        "Meppel",
    )
