"""The case table's rows written in Python (CaseTable.rows_html, issue 24) are the rows the
template loop drew (kept as cases/partials/case_rows.html for this comparison), and so are its
headers (CaseTable.headers_html; case_headers.html)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from cases.tables import CaseTable


def _row(pk, **extra):
    registered = timezone.make_aware(datetime(2026, 11, 2, 9, 30))
    row = {
        "pk": pk,
        "number": f"ZVHD-2026-{pk:04d}",
        "status": "aangemeld",
        "kind": "procesregie",
        "registered_at": registered,
        "person__first_name": "Jan <b>",
        "person__last_name": "de Vries & Zn",
        "person__birth_date": date(1973, 4, 17),
        "municipality__name": "Assen",
        "director__first_name": "Ria",
        "director__last_name": "Regisseur",
        "director__username": "regisseur",
        "urgency": "normaal",
        "registering_organisation__name": "Politie Drenthe",
        "registering_organisation__short_name": "",
        "review_on": None,
        "named": True,
        "flags": ("Agressie", "Wapen <x>"),
        "enriched": False,
    }
    row.update(extra)
    return row


ROWS = [
    _row(1),
    _row(2, status="actief", kind="", review_on=date(2027, 1, 5), named=False, flags=()),
    # A running case past its evaluation date gets "Verlopen"; a closed one does not.
    _row(5, status="actief", review_on=date(2026, 1, 5)),
    _row(6, status="afgesloten", review_on=date(2026, 1, 5)),
    _row(3, status="in_triage", urgency="hoog", enriched=True, director__username=None),
    _row(
        4,
        status="opgeschaald",
        registered_at=timezone.now() - timedelta(days=30),
        municipality__name=None,
    ),
]


def _norm(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


@pytest.mark.parametrize("triage", [False, True])
@pytest.mark.parametrize("enriched", [None, {3}])
@pytest.mark.parametrize("badges", [(), (SimpleNamespace(key="flags", header="Signalen"),)])
def test_the_rows_in_python_are_the_rows_the_template_drew(triage, enriched, badges):
    with translation.override("nl"):
        table = CaseTable(
            ROWS,
            named={row["pk"] for row in ROWS if row["named"]},
            caption="Casussen",
            badges=badges,
            triage=triage,
            enriched=enriched,
        )
        expected = render_to_string("cases/partials/case_rows.html", {"table": table})
        assert _norm(table.rows_html()) == _norm(expected)
        assert table.rows_html().count("<tr ") == len(ROWS)


@pytest.mark.parametrize("triage", [False, True])
@pytest.mark.parametrize("sorted_by", [None, ("nummer", False), ("status", True)])
@pytest.mark.parametrize("badges", [(), (SimpleNamespace(key="flags", header="Signalen <x>"),)])
def test_the_headers_in_python_are_the_headers_the_template_drew(triage, sorted_by, badges):
    with translation.override("nl"):
        table = CaseTable(
            ROWS,
            named=set(),
            caption="Casussen",
            badges=badges,
            triage=triage,
            enriched={3},
            sort_link=lambda key: f"?status=actief&sort={key}&x=<\"'>",
            sorted_by=sorted_by,
        )
        expected = render_to_string("cases/partials/case_headers.html", {"table": table})
        assert _norm(table.headers_html()) == _norm(expected)
        assert table.headers_html().count("<th ") == len(table.headers)
        if sorted_by:
            assert 'aria-sort="' in table.headers_html()


def test_a_running_case_past_its_evaluation_date_is_marked_overdue_a_closed_one_is_not():
    with translation.override("nl"):
        table = CaseTable(ROWS, named=set(), caption="Casussen")
    marked = {row.number: row.review_overdue for row in table.rows}
    assert marked == {
        "ZVHD-2026-0001": False,  # no date
        "ZVHD-2026-0002": False,  # in the future
        "ZVHD-2026-0005": True,
        "ZVHD-2026-0006": False,  # closed
        "ZVHD-2026-0003": False,
        "ZVHD-2026-0004": False,
    }
    assert table.rows_html().count(">Verlopen</span>") == 1
