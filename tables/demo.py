"""Demo data of the tables app: the ketenkamer's table (as the data migration makes it), a
casustafel stalking and a routeeroverleg, a meeting each, with agenda items, decisions and
actions (fictitious people only). Safe to run twice: a demo table is recognised by its name,
the ketenkamer's by its kind."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.models import Case, Status
from tables import services
from tables.models import ItemKind, Table, TableKind
from zvhd.network.models import Organisation, OrganisationKind, User

STALKING = "Casustafel stalking Drenthe"
ROUTING = "Routeeroverleg Zuidoost-Drenthe"


def _users(*names):
    found = User.objects.in_bulk(list(names), field_name="username")
    return [found[n] for n in names if n in found]


@transaction.atomic
def seed(*, stdout, rng) -> None:
    if services.create_ketenkamer_table() is not None:
        stdout.write("  ketenkamer: een tafel met de organisaties die hem bijwonen\n")
    chair = User.objects.filter(username="regisseur").first()
    if chair is None:
        stdout.write("  geen procesregisseur: geen demo-tafels\n")
        return
    if Table.objects.filter(name__in=[STALKING, ROUTING]).exists():
        stdout.write("  demo-tafels bestaan al\n")
        return
    kinds = TableKind.objects.in_bulk(["casustafel_stalking", "routeeroverleg"], field_name="code")
    organisations = list(
        Organisation.objects.filter(
            kind__in=[OrganisationKind.POLITIE, OrganisationKind.OM]
        ).order_by("name")[:2]
    )
    members = _users("ondersteuner", "liaison.politie", "partner")
    today = timezone.localdate()
    stalking = services.create_table(
        created_by=chair,
        name=STALKING,
        kind=kinds["casustafel_stalking"],
        chair=chair,
        members=members,
        member_organisations=organisations,
        description="Maandelijkse casustafel voor de aanpak van stalkingszaken in Drenthe.",
    )
    routing = services.create_table(
        created_by=chair,
        name=ROUTING,
        kind=kinds["routeeroverleg"],
        chair=chair,
        members=_users("ondersteuner", "liaison.politie", "liaison.om"),
        description="Wekelijks: welke route krijgt een melding, en is de persoon al bekend?",
    )
    # A stalking meeting last week, with a direction case of the chair and a new person.
    meeting = services.plan_meeting(
        table=stalking, date=today - timedelta(days=7), planned_by=chair
    )
    services.record_meeting(
        meeting=meeting,
        recorded_by=chair,
        expected_version=meeting.version,
        date=meeting.date,
        attendees=[chair, *members],
        other_attendees="Veilig Thuis Drenthe",
        notes="Twee zaken besproken; afspraken over contactverbod en toezicht.",
    )
    case = Case.objects.filter(director=chair, status=Status.ACTIEF).order_by("-id").first()
    partner = next((u for u in members if u.username == "partner"), None)
    if case is not None:
        item = services.add_agenda_item(
            meeting=meeting, added_by=chair, kind=ItemKind.CASE, case=case
        )
        services.record_decision(
            item=item,
            decided_by=chair,
            expected_version=item.version,
            decision="Politie voert een stopgesprek; GGZ biedt de betrokkene behandeling aan.",
            action="Stopgesprek voeren en terugkoppelen aan de voorzitter",
            owner=next((u for u in members if u.username == "liaison.politie"), None),
            owner_organisation=None,
            due_on=today + timedelta(days=14),
        )
    item = services.add_agenda_item(
        meeting=meeting,
        added_by=chair,
        kind=ItemKind.PERSON,
        subject="M.K. (Emmen), ex-partner van melder",
    )
    services.record_decision(
        item=item,
        decided_by=chair,
        expected_version=item.version,
        decision="Aanmelden voor procesregie; tot dan houdt GGZ contact.",
        action="Aanmelding bij ZVHD doen",
        owner=partner,
        owner_organisation=None,
        due_on=today + timedelta(days=7),
    )
    # A routeeroverleg this week: a household whose BSN belongs to a known demo case.
    routing_meeting = services.plan_meeting(table=routing, date=today, planned_by=chair)
    known = Case.objects.exclude(person__bsn="").select_related("person").order_by("id").first()
    services.add_agenda_item(
        meeting=routing_meeting,
        added_by=chair,
        kind=ItemKind.HOUSEHOLD,
        subject="Huishouden B. (Coevorden), meerdere meldingen overlast",
        bsns=known.person.bsn if known else "",
    )
    services.add_agenda_item(
        meeting=routing_meeting,
        added_by=chair,
        kind=ItemKind.PERSON,
        subject="J.T. (Emmen), melding verward gedrag",
    )
    stdout.write("  2 tafels (casustafel stalking, routeeroverleg) met elk een overleg\n")
