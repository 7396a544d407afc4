"""The 2020 partner table of the annual report (seed 004, "Aangemelde procesregie casuïstiek
per convenantpartner") reproduced row by row from an import file.

`data/jaarverslag_2020_aanmelders.csv` holds 50 fictitious registrations of 2020 in the format
of `manage.py import_cases` (README, "Import uit het vorige systeem"): per category of the
report as many rows as it printed, the municipal ones as a municipality's organisation with the
domain of the registration, 17 of them PGA. Imported through the one import framework, the
figures must give every row of the report's table, zeros included, and its total.
"""

from pathlib import Path

import pytest

from cases.imports import CaseImporter
from reports import figures
from reports.reference_data import ANNUAL_REPORT_2020_FIGURES
from zvhd.imports.framework import run_import
from zvhd.network.models import Organisation, OrganisationKind
from zvhd.network.reference_data import FIGURE_CATEGORIES

pytestmark = pytest.mark.django_db

FILE = Path(__file__).parent / "data" / "jaarverslag_2020_aanmelders.csv"
REPORT = ANNUAL_REPORT_2020_FIGURES["registrations_by_partner"][2020]


def test_the_import_file_reproduces_the_2020_partner_table_row_by_row(cast):
    result = run_import(
        CaseImporter(imported_by=cast.beheerder), FILE.read_bytes(), FILE.name, dry_run=False
    )
    assert (result.ok, result.created) == (True, 50), result.problems

    data = figures.year_figures(2020)
    by_partner = data["registered_by_partner"]
    assert list(by_partner) == FIGURE_CATEGORIES  # every row of the report, in its order
    for category, printed in REPORT["by_category"].items():
        assert by_partner[category] == printed, category
    assert data["registered_direction"] == {
        "total": REPORT["total"],
        "pga": REPORT["total_includes_pga"],
    }
    assert sum(by_partner.values()) == REPORT["total"]


def test_every_row_of_the_table_can_be_counted_also_st(cast):
    """ "ST" is printed in the report without saying who it is; the functioneel beheerder gives
    an organisation that category (Beheer → Organisaties) and its registrations count there."""
    Organisation.objects.create(
        name="ST", short_name="ST", kind=OrganisationKind.OVERIG, figure_category="ST"
    )
    header = FILE.read_text().splitlines()[0]
    row = (
        "ST-1;2019-05-06;ST;;Assen;Voorbeeld;Fictief;1980-01-01;m;;maatwerk;2019-05-13;"
        "2019-05-13;;;psychisch;multiproblematiek;nee;regisseur"
    )
    result = run_import(
        CaseImporter(imported_by=cast.beheerder),
        f"{header}\n{row}\n".encode(),
        "st.csv",
        dry_run=False,
    )
    assert result.ok, result.problems
    assert figures.year_figures(2019)["registered_by_partner"]["ST"] == 1
