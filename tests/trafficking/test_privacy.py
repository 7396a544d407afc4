"""Identities only for the chain director and the Drieluik; the manager without; counts for
everyone else with "<5" by municipality; every read in the access log."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.trafficking.factories import make_signal
from trafficking import services
from trafficking.models import Signal
from zvhd.privacy.models import AccessAction, AccessLog

pytestmark = pytest.mark.django_db

IDENTITY_TEXT = [
    "Anna",
    "Jansen",
    "111222333",
    "17-05-1999",
    "17 mei 1999",
    "M. Melder",
    "telefoon af",
]


def test_the_manager_sees_the_signal_without_the_identity(cast, signal, client_for):
    client = client_for(cast.manager)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("trafficking:signal_detail", args=[signal.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert signal.reference in html and "Assen" in html and "Seksuele uitbuiting" in html
    assert not [text for text in IDENTITY_TEXT if text in html]
    # The identity columns are not even read from the database for the manager.
    signal_sql = [q["sql"] for q in queries if 'FROM "trafficking_signal"' in q["sql"]]
    assert signal_sql and not any('"trafficking_signal"."last_name"' in sql for sql in signal_sql)


def test_the_manager_list_shows_no_names_and_cannot_search_on_them(cast, signal, client_for):
    client = client_for(cast.manager)
    html = client.get(reverse("trafficking:signal_list")).content.decode()
    assert signal.reference in html
    assert "Anna" not in html and "Jansen" not in html
    # Searching on a name must not reveal that a signal about that name exists.
    html = client.get(reverse("trafficking:signal_list"), {"q": "Jansen"}).content.decode()
    assert signal.reference not in html


def test_the_manager_meeting_page_hides_names_and_the_discussion(cast, signal, meeting, client_for):
    item = meeting.items.get()
    services.record_decision(
        item=item,
        discussion="Anna Jansen heeft aangifte overwogen.",
        decision="politie",
        decided_on=meeting.held_on,
        decided_by=cast.mensenhandel,
    )
    html = (
        client_for(cast.manager)
        .get(reverse("trafficking:meeting_detail", args=[meeting.pk]))
        .content.decode()
    )
    assert signal.reference in html and "politie" in html.lower()
    assert "Anna" not in html and "aangifte overwogen" not in html


def test_the_chain_director_sees_the_identity(cast, signal, client_for):
    html = (
        client_for(cast.mensenhandel)
        .get(reverse("trafficking:signal_detail", args=[signal.pk]))
        .content.decode()
    )
    assert "Anna Jansen" in html and "111222333" in html and "17 mei 1999" in html


@pytest.fixture
def three_in_assen_five_in_emmen(cast):
    for _ in range(3):
        make_signal(by=cast.mensenhandel, organisation=cast.ggz, municipality=cast.assen, bsn="")
    for _ in range(5):
        make_signal(by=cast.mensenhandel, organisation=cast.vnn, municipality=cast.emmen, bsn="")


def municipality_cells(html):
    table = html.split("Signalen naar gemeente", 1)[1].split("</table>", 1)[0]
    return dict(
        re.findall(
            r'scope="row">([^<]+)</th>\s*<td class="utrecht-table__cell zvhd-numeric">([^<]+)<',
            table,
        )
    )


@pytest.mark.parametrize("who", ["gemeente", "partner", "liaison_politie", "financien", "manager"])
def test_counts_under_five_by_municipality_show_as_less_than_five(
    who, cast, three_in_assen_five_in_emmen, client_for
):
    html = (
        client_for(getattr(cast, who))
        .get(reverse("trafficking:figures"), {"jaar": 2025})
        .content.decode()
    )
    assert municipality_cells(html) == {"Assen": "&lt;5", "Emmen": "5"}
    assert "Jansen" not in html


def test_the_chain_director_sees_the_exact_small_counts(
    cast, three_in_assen_five_in_emmen, client_for
):
    html = (
        client_for(cast.mensenhandel)
        .get(reverse("trafficking:figures"), {"jaar": 2025})
        .content.decode()
    )
    assert municipality_cells(html) == {"Assen": "3", "Emmen": "5"}


def test_every_read_is_in_the_access_log(cast, signal, meeting, client_for):
    client = client_for(cast.manager)
    client.get(reverse("trafficking:signal_detail", args=[signal.pk]))
    client.get(reverse("trafficking:signal_list"))
    client.get(reverse("trafficking:meeting_detail", args=[meeting.pk]))
    client.get(reverse("trafficking:figures"))
    rows = list(AccessLog.objects.order_by("pk").values_list("action", "object_id", "allowed"))
    assert rows[0] == (AccessAction.VIEW, str(signal.pk), True)
    assert (AccessAction.LIST, str(signal.pk), True) in rows  # the list and the agenda
    assert sum(1 for r in rows if r == (AccessAction.LIST, str(signal.pk), True)) == 2
    assert (AccessAction.VIEW, str(meeting.pk), True) in rows
    assert rows[-1][1].startswith("cijfers-")


def test_the_comensha_export_holds_no_name_bsn_or_birth_date(cast, client_for):
    signals = [
        make_signal(
            by=cast.mensenhandel,
            organisation=cast.ggz,
            municipality=cast.assen,
            first_name=first,
            last_name=last,
            bsn=bsn,
            birth_date=born,
            alias="Kiki",
        )
        for first, last, bsn, born in [
            ("Anna", "Jansen", "111222333", date(1999, 5, 17)),
            ("Ioana", "Popescu", "123456782", date(2008, 1, 2)),
        ]
    ]
    response = client_for(cast.mensenhandel).get(
        reverse("trafficking:comensha_export"), {"year": 2025}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    lines = text.strip().splitlines()
    assert lines[0] == (
        "registratienummer;maand_signaal;vormen_uitbuiting;sector;land_van_herkomst;"
        "leeftijdsklasse;geslacht;minderjarig"
    )
    assert len(lines) == 3
    forbidden = ["Anna", "Jansen", "Ioana", "Popescu", "Kiki", "Melder", "telefoon"]
    forbidden += ["111222333", "123456782", "1999", "2008", "17-05", "05-17", "02-01", "01-02"]
    assert not [word for word in forbidden if word.lower() in text.lower()]
    assert not re.search(r"\b\d{9}\b", text), "something that looks like a BSN"
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), "something that looks like a date"
    assert "2025-03;seksueel;prostitutie;Roemenië;24-30;v;nee" in text
    assert "0-17" in text  # the minor's age class, from the birth date
    # The house's one export policy (zvhd.exports): the export itself, then one row per signal
    # in the file, one batch, saying what it was.
    exported = AccessLog.objects.filter(action=AccessAction.EXPORT)
    assert sorted(exported.exclude(object_id="").values_list("object_id", flat=True)) == sorted(
        str(s.pk) for s in signals
    )
    assert exported.filter(object_id="").get().description == "Aanlevering Comensha 2025"
    assert exported.values("batch").distinct().count() == 1


def test_the_export_can_leave_out_what_was_already_reported(cast, signal, client_for):
    services.mark_reported_to_comensha(
        signal=signal, reported_on=date(2025, 3, 5), reported_by=cast.mensenhandel
    )
    text = (
        client_for(cast.mensenhandel)
        .get(reverse("trafficking:comensha_export"), {"year": 2025, "only_unreported": "on"})
        .content.decode()
    )
    assert signal.reference not in text
    assert Signal.objects.get().comensha_reported_by == cast.mensenhandel
