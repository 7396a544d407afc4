"""Demo data for aftercare: the participating municipalities per year (from the seeds) and
fictitious detention notifications over two years, short and long detentions.

Safe to run twice: each demo person is found again by BSN and detention start (the natural key
of a detention). The people are drawn from a random generator with a fixed seed of our own
rather than the shared `rng`, so a second run makes the same people whatever the other apps
drew before us. All names are invented; the BSNs pass the elfproef but are made up.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from aftercare import services
from aftercare.models import (
    BASIC_CONDITIONS,
    AftercareRecord,
    ClosingReason,
    ConditionStatus,
    Consent,
    NotificationKind,
    Participation,
    Source,
)
from zvhd.network.models import User

FIRST_NAMES = [
    "Dennis", "Kevin", "Mark", "Ricardo", "Sander", "Mohamed", "Jeroen", "Patrick", "Bas",
    "Tim", "Yusuf", "Erik", "Marco", "Niels", "Sanne", "Kim", "Naomi", "Priscilla", "Ruud",
    "Stefan", "Jordy", "Rachid", "Wesley", "Danny",
]  # fmt: skip
LAST_NAMES = [
    "Hoekstra", "Kuipers", "Zwiers", "Mulder", "Bos", "Lanting", "Veenstra", "Dijkstra",
    "Schepers", "Bakker", "Wolters", "Hilbrands", "Oosting", "Brink", "Koops", "Nijboer",
    "Huizing", "Eising", "Kamping", "Timmerman",
]  # fmt: skip
INSTITUTIONS = [
    "PI Veenhuizen, locatie Norgerhaven",
    "PI Veenhuizen, locatie Esserheem",
    "PI Leeuwarden",
    "PI Zwolle",
    "PI Ter Apel",
    "Huis van Bewaring Groningen",
]
RESPONSIBLE = {
    "id": "Gemeente, burgerzaken",
    "huisvesting": "Gemeente, Wmo-consulent",
    "inkomen": "Gemeente, Werk en Inkomen",
    "schulden": "Schuldhulpverlening gemeente",
    "zorg": "Casemanager DJI en GGZ Drenthe",
}
ACTIONS = {
    "id": "ID-kaart aanvragen via de casemanager in de PI.",
    "huisvesting": "Urgentieaanvraag; tijdelijk onderdak via de maatschappelijke opvang.",
    "inkomen": "Uitkeringsaanvraag vóór ontslag ingediend; dagbesteding via het werkbedrijf.",
    "schulden": "Schuldenoverzicht opgevraagd; intake schuldhulp na ontslag gepland.",
    "zorg": "Zorgverzekering gecontroleerd; overdracht medicatie aan huisarts.",
}


def _bsn(r: random.Random) -> str:
    while True:
        first8 = str(r.randint(10_000_000, 99_999_999))
        check = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1), strict=True)) % 11
        if check < 10:
            return first8 + str(check)


def seed(*, stdout, rng) -> None:
    coordinator = User.objects.filter(username="nazorg").first()
    guide = User.objects.filter(username="begeleider").first()
    if coordinator is None:
        stdout.write("  geen gebruiker 'nazorg': nazorgdossiers overgeslagen")
        return
    today = timezone.localdate()
    participating = list(Participation.objects.municipalities_in(today.year))
    made = 0
    # About 45 detentions whose first notification falls in the last two years.
    for n in range(45):
        # One generator per demo person: a person already there does not shift the others.
        r = random.Random(f"zvhd-aftercare-demo-{n}")
        notified = today - timedelta(days=int(660 * (1 - n / 45)) + r.randint(0, 10))
        # Half of all detentions last less than a month.
        short = r.random() < 0.5
        length = r.randint(6, 29) if short else r.randint(45, 420)
        start = notified - timedelta(days=r.randint(0, 3))
        release = start + timedelta(days=length)
        person = {
            "first_names": r.choice(FIRST_NAMES),
            "last_name": r.choice(LAST_NAMES),
            "birth_date": date(r.randint(1962, 2004), r.randint(1, 12), r.randint(1, 28)),
            "bsn": _bsn(r),
        }
        municipality = r.choice(participating)
        institution = r.choice(INSTITUTIONS)
        outcome = r.random()
        # Found again by BSN alone: a run on another day computes other dates for the same person.
        if AftercareRecord.objects.filter(bsn=person["bsn"]).exists():
            continue
        notification = services.receive_notification(
            kind=NotificationKind.START,
            municipality=municipality,
            institution=institution,
            detention_start=start,
            expected_release=release,
            source="DJI, casemanager " + institution.split(",")[0],
            received_by=coordinator,
            received_on=notified,
            **person,
        )
        _work(notification.record, r, coordinator, guide, today, outcome)
        made += 1
    stdout.write(f"  nazorgdossiers: {made} nieuw, {AftercareRecord.objects.count()} totaal")


def _backdate(record, by, **fields) -> None:
    """Demo only: put the dates the services stamp as 'today' back in the simulated past."""
    for name, value in fields.items():
        setattr(record, name, value)
    record._history_user = by
    record.save()


def _work(record, r, coordinator, guide, today, outcome) -> None:
    notified = record.notified_on
    if r.random() < 0.75:
        services.record_consent(
            record=record,
            consent=Consent.GIVEN,
            consent_on=min(notified + timedelta(days=r.randint(1, 6)), today),
            recorded_by=coordinator,
        )
    elif r.random() < 0.5:
        services.record_consent(
            record=record, consent=Consent.REFUSED, consent_on=notified, recorded_by=coordinator
        )
    services.add_enrichment(
        record=record,
        source=Source.DJI,
        text="Detentie- en re-integratieplan ontvangen; geen bijzonderheden over gedrag in de PI.",
        added_by=coordinator,
    )
    if record.has_consent:
        services.add_enrichment(
            record=record,
            source=r.choice([Source.RECLASSERING, Source.GEMEENTE]),
            text=r.choice(
                [
                    "Reclassering: toezicht met meldplicht na ontslag; advies ambulante zorg.",
                    "Gemeente: bekend bij het sociaal team, eerdere schuldhulp afgebroken.",
                    "Gemeente: geen woning meer; huurachterstand bij de corporatie.",
                ]
            ),
            added_by=coordinator,
        )
        services.add_contact_moment(
            record=record,
            on=min(notified + timedelta(days=r.randint(2, 10)), today),
            with_whom=r.choice(["gedetineerde", "casemanager"]),
            help_offered="Hulp bij huisvesting, ID-bewijs en uitkering aangeboden.",
            accepted=r.choice(["ja", "ja", "deels", "nee"]),
            notes="",
            by=coordinator,
        )
    released = record.expected_release <= today
    # How far the work on the conditions got: all of it for most released people.
    share = 1.0 if released and r.random() < 0.6 else r.random()
    for condition in record.conditions.all():
        if r.random() < share:
            status = r.choice([ConditionStatus.ARRANGED] * 5 + [ConditionStatus.NOT_APPLICABLE])
        else:
            status = r.choice([ConditionStatus.IN_PROGRESS, ConditionStatus.NOT_ARRANGED])
        services.update_condition(
            condition=condition,
            status=status,
            actions=ACTIONS.get(condition.kind, "") if status != "nvt" else "",
            responsible=RESPONSIBLE.get(condition.kind, ""),
            due_on=record.expected_release,
            arranged_on=min(record.expected_release, today) if status == "geregeld" else None,
            updated_by=coordinator,
        )
    if record.has_consent and guide is not None and r.random() < 0.35:
        started = min(notified + timedelta(days=7), today)
        services.start_guidance(
            record=record, guide=guide, started_on=started, started_by=coordinator
        )
        if released and r.random() < 0.7:
            services.end_guidance(
                record=record,
                ended_on=min(record.expected_release + timedelta(days=60), today),
                handed_over_to=r.choice(["Sociaal team", "Wijkteam", "GGZ Drenthe", "VNN"]),
                handover_note="Warme overdracht in een gezamenlijk gesprek.",
                ended_by=coordinator,
            )
    if outcome > 0.93 and coordinator.email and coordinator.organisation_id:
        services.escalate(
            record=record,
            reason="Meerdere leefgebieden vast, dreigende terugval en zorgen over de veiligheid "
            "van de ex-partner; de nazorg alleen is niet genoeg.",
            desired_outcome="Eén plan van reclassering, GGZ en gemeente rond wonen en zorg.",
            problem_areas=["huisvesting", "psychisch"],
            escalated_by=coordinator,
        )
        _backdate(record, coordinator, escalated_on=min(notified + timedelta(days=14), today))
        return
    if released:
        services.register_release(
            record=record, released_on=record.expected_release, registered_by=coordinator
        )
        if record.expected_release < today - timedelta(days=30):
            done = all(
                c.status in ("geregeld", "nvt")
                for c in record.conditions.all()
                if c.kind in BASIC_CONDITIONS
            )
            reason = (
                ClosingReason.HANDED_OVER
                if record.handed_over_to
                else ClosingReason.CONDITIONS_ARRANGED
                if done
                else ClosingReason.NO_CONSENT
                if not record.has_consent
                else ClosingReason.OTHER
            )
            note = "" if reason != ClosingReason.OTHER else "Geen hulpvraag meer na ontslag."
            services.close_record(record=record, reason=reason, note=note, closed_by=coordinator)
            _backdate(record, coordinator, closed_on=record.expected_release + timedelta(days=30))


def access_reads(calendar) -> list:
    """Reads of the demo records for the access review (zvhd/privacy/demo_access.py): the
    coordinator on her records at the office, and on two before seven on a release day."""
    from aftercare.models import AftercareRecord, Status
    from zvhd.privacy.demo_access import DemoRead

    at, workdays = calendar.at, calendar.workdays
    records = list(AftercareRecord.objects.exclude(status=Status.CLOSED).order_by("pk")[:6])
    reads = [
        DemoRead("nazorg", at(day, 11 + i % 4, 20 + i), "office", record)
        for i, (day, record) in enumerate(zip(workdays[1::2], records, strict=False))
    ]
    reads += [
        DemoRead("nazorg", at(workdays[-6], 6, 35 + 6 * i), "home", record)
        for i, record in enumerate(records[:2])
    ]
    return reads
