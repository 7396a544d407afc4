"""Demo data of the advice app: advice questions since 1 January three years ago (so the
three years the figures compare each have theirs), the sociale kaart and signals.

Fictitious throughout: requesters are described by function only, contact persons have made-up
names, phone numbers and e-mail addresses on `.example` domains. Safe to run twice: each part
is skipped when it is already there.

The advice questions (600 of them) are checked as `record_advice` checks them and written in
one statement with their history rows (simple-history's `bulk_create_with_history`, the one
bulk write allowed on models with history, CONVENTIONS rule 7), each by the person who
answered it, dated on its own day; one service call each was 13 queries a question.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from advice import services
from advice.models import (
    AdviceKind,
    AdviceOutcome,
    AdviceRecord,
    DirectoryEntry,
    MunicipalityContact,
    PatternSignal,
    SignalKind,
    SignalStatus,
    Topic,
)
from zvhd.batch import BATCH_SIZE, clean_without_queries
from zvhd.network.models import Municipality, Organisation, OrganisationKind, User

ANSWERERS = ["regisseur", "ondersteuner", "begeleider", "nazorg", "mensenhandel"]

# (kind, topic code or None, requester function, question, answer) — typical hub questions.
QUESTIONS = [
    (
        AdviceKind.INFORMATIEKNOOPPUNT,
        None,
        "wijkagent",
        "Wie is bij de gemeente het aanspreekpunt voor woonoverlast in deze wijk?",
        "Contactgegevens van de OOV-adviseur en het meldpunt woonoverlast doorgegeven.",
    ),
    (
        AdviceKind.INFORMATIEKNOOPPUNT,
        "ex_gedetineerden",
        "casemanager reclassering",
        "Welke gemeente pakt de nazorg op voor iemand die over drie weken vrijkomt?",
        "Uitgelegd hoe de DJI-melding loopt; nazorgcoördinator van de gemeente genoemd.",
    ),
    (
        AdviceKind.INFORMATIEKNOOPPUNT,
        "multiproblematiek",
        "medewerker sociaal team",
        "Hoe bereik ik de bemoeizorg van de GGD buiten kantoortijd?",
        "Bereikbaarheid bemoeizorg en crisisdienst doorgegeven.",
    ),
    (
        AdviceKind.INFORMATIEKNOOPPUNT,
        "mensenhandel",
        "jeugdconsulent",
        "Bij wie kan ik terecht met een vermoeden van uitbuiting van een jongere?",
        "Verwezen naar de zorgcoördinator mensenhandel; signalenlijst gemaild.",
    ),
    (
        AdviceKind.INFORMATIEKNOOPPUNT,
        "jeugdgroepen",
        "jongerenwerker",
        "Is er in de regio een aanpak voor overlastgevende jeugdgroepen om bij aan te sluiten?",
        "Contact gelegd met de beleidsadviseur jeugd en veiligheid van de gemeente.",
    ),
    (
        AdviceKind.ADVIES_KORT,
        "multiproblematiek",
        "wijkverpleegkundige",
        "Bewoner met verward gedrag weigert zorg, buren voelen zich onveilig. Wat kan ik doen?",
        "Besproken: opschalen via de huisarts en bemoeizorg, melding bij het meldpunt zorg en "
        "overlast; bij acuut gevaar de politie. Bij stagnatie opnieuw bellen voor procesregie.",
    ),
    (
        AdviceKind.ADVIES_KORT,
        "geweld_afhankelijkheidsrelaties",
        "medewerker Veilig Thuis",
        "Ex-partner stuurt ondanks contactverbod berichten. Welke partners moeten aan tafel?",
        "Geadviseerd politie en reclassering te betrekken; risicotaxatie laten actualiseren.",
    ),
    (
        AdviceKind.ADVIES_KORT,
        "criminele_jongeren",
        "leerplichtambtenaar",
        "Leerling van 15 verzuimt en lijkt betrokken bij drugsrunnen. Hoe pakken we dit aan?",
        "Advies: bespreken in het LPCO en HALT/jeugdreclassering betrekken; zo nodig aanmelden.",
    ),
    (
        AdviceKind.ADVIES_KORT,
        "radicalisering",
        "consulent werk en inkomen",
        "Een klant uit zich steeds vaker extremistisch. Moet ik dit melden, en bij wie?",
        "Uitgelegd wanneer en hoe te melden bij het lokale casusoverleg radicalisering.",
    ),
    (
        AdviceKind.ADVIES_KORT,
        "ex_gedetineerden",
        "woonconsulent",
        "Iemand komt vrij zonder woning; de corporatie wil niet zonder begeleiding verhuren.",
        "Meegedacht over een woonbegeleidingstraject en de afspraken uit het convenant wonen.",
    ),
    (
        AdviceKind.ONDERSTEUNING,
        "multiproblematiek",
        "regisseur sociaal domein",
        "Lokaal overleg over een gezin met schulden, verslaving en overlast loopt vast.",
        "ZVHD zit het volgende overleg voor; regie blijft lokaal.",
    ),
    (
        AdviceKind.ONDERSTEUNING,
        "geweld_afhankelijkheidsrelaties",
        "casusregisseur gemeente",
        "Hulp gevraagd bij het opstellen van een veiligheidsplan met vijf partners.",
        "Format plan van aanpak gedeeld en twee sessies ondersteund.",
    ),
    (
        AdviceKind.ONDERSTEUNING,
        "jeugdgroepen",
        "beleidsadviseur OOV",
        "Ondersteuning gevraagd bij de groepsaanpak van een jeugdgroep in het centrum.",
        "Deelgenomen aan de groepsanalyse en partners verbonden.",
    ),
]

# Who calls: organisation kinds with a weight (municipalities and police call most).
CALLER_WEIGHTS = [
    (OrganisationKind.GEMEENTE, 34),
    (OrganisationKind.POLITIE, 18),
    (OrganisationKind.RECLASSERING, 9),
    (OrganisationKind.GGZ, 8),
    (OrganisationKind.VEILIG_THUIS, 7),
    (OrganisationKind.GGD, 6),
    (OrganisationKind.JEUGD, 6),
    (OrganisationKind.ZORG, 6),
    (OrganisationKind.VERSLAVINGSZORG, 4),
    (OrganisationKind.OM, 2),
]

FIRST = ["Anne", "Bas", "Carla", "Dirk", "Esther", "Frank", "Greet", "Henk", "Inge", "Jeroen"]
LAST = ["Bakker", "Hoekstra", "Dijkstra", "Jansen", "Mulder", "Postma", "Smit", "Visser"]

# (organisation kind, desk or function, topic codes, what to call for)
DIRECTORY = [
    (
        OrganisationKind.POLITIE,
        "Wijkagent",
        ["multiproblematiek"],
        "Overlast en zorgen in de wijk.",
    ),
    (
        OrganisationKind.POLITIE,
        "Specialist mensenhandel",
        ["mensenhandel"],
        "Vermoedens van uitbuiting; aangifte en opsporing.",
    ),
    (
        OrganisationKind.OM,
        "Officier van justitie ZSM",
        ["ex_gedetineerden"],
        "Strafrechtelijke interventies.",
    ),
    (
        OrganisationKind.RECLASSERING,
        "Unitmanager toezicht",
        ["ex_gedetineerden", "geweld_afhankelijkheidsrelaties"],
        "Toezicht, bijzondere voorwaarden, risicotaxatie.",
    ),
    (
        OrganisationKind.GGD,
        "Bemoeizorg (OGGZ)",
        ["multiproblematiek"],
        "Zorgmijders en verward gedrag.",
    ),
    (OrganisationKind.GGZ, "Crisisdienst", ["multiproblematiek"], "Acute psychiatrie, 24/7."),
    (OrganisationKind.GGZ, "FACT-team", ["multiproblematiek"], "Langdurige ambulante zorg."),
    (
        OrganisationKind.VERSLAVINGSZORG,
        "Bemoeizorg verslaving",
        ["multiproblematiek"],
        "Verslaving en overlast.",
    ),
    (
        OrganisationKind.VEILIG_THUIS,
        "Adviesdesk",
        ["geweld_afhankelijkheidsrelaties"],
        "Advies en melding huiselijk geweld en kindermishandeling.",
    ),
    (
        OrganisationKind.JEUGD,
        "Jeugdreclassering",
        ["criminele_jongeren", "jeugdgroepen"],
        "Jongeren met een strafrechtelijk kader.",
    ),
    (
        OrganisationKind.ZORG,
        "Maatschappelijke opvang",
        ["multiproblematiek"],
        "Dak- en thuisloosheid.",
    ),
    (
        OrganisationKind.ZORG,
        "Cliëntondersteuning LVB",
        ["multiproblematiek"],
        "Mensen met een LVB.",
    ),
]

SIGNALS = [
    (
        "Geen passende woonvorm voor jongvolwassenen met een LVB",
        SignalKind.GAP,
        "multiproblematiek",
        "Voor jongvolwassenen met een LVB en gedragsproblemen is er in Drenthe geen "
        "beschikbare bijzondere woonvorm; casussen blijven daardoor hangen.",
        "Speelt in 11 van de 128 actieve casussen; gemiddelde wachttijd ruim 9 maanden.",
        11,
    ),
    (
        "Risicovolle overgangen na kortdurende opnames",
        SignalKind.BOTTLENECK,
        "multiproblematiek",
        "Na een korte crisisopname wordt iemand ontslagen zonder dat de partners het weten; "
        "de eerste weken na ontslag zijn het meest risicovol.",
        "In 6 casussen dit jaar een ontslag zonder warme overdracht.",
        6,
    ),
    (
        "Wachtlijsten forensische ambulante zorg",
        SignalKind.TREND,
        "ex_gedetineerden",
        "De wachttijd voor forensische ambulante zorg loopt op, waardoor bijzondere "
        "voorwaarden niet tijdig kunnen starten.",
        "Wachttijd gestegen van 8 naar 15 weken; raakt 9 casussen.",
        9,
    ),
    (
        "Toename jongeren die drugs runnen",
        SignalKind.TREND,
        "criminele_jongeren",
        "Partners zien meer minderjarigen die worden ingezet als drugskoerier.",
        "14 adviesvragen hierover in het afgelopen halfjaar, tegen 5 in het halfjaar ervoor.",
        None,
    ),
    (
        "Doelgroep past niet in reguliere protocollen",
        SignalKind.BOTTLENECK,
        None,
        "Casussen met gelijktijdig psychiatrie, verslaving en een LVB vallen tussen de "
        "indicatiecriteria van de aanbieders in.",
        "In 23 casussen geen aanbieder die alle drie de problemen in één traject oppakt.",
        23,
    ),
    (
        "Korte lijnen met woningcorporaties werken",
        SignalKind.SUCCESS,
        None,
        "Waar een vaste contactpersoon bij de corporatie is, wordt ontruiming vaker voorkomen.",
        "In 5 van de 7 casussen met dreigende ontruiming werd die voorkomen.",
        7,
    ),
]


def _organisations_by_kind():
    by_kind: dict[str, list[Organisation]] = {}
    for org in Organisation.objects.active().exclude(kind=OrganisationKind.ZVHD):
        by_kind.setdefault(org.kind, []).append(org)
    return by_kind


def seed_directory(*, rng, stdout, by_kind) -> None:
    if DirectoryEntry.objects.exists():
        stdout.write("  sociale kaart: al gevuld, overgeslagen\n")
        return
    beheerder = User.objects.filter(username="ondersteuner").first()
    topics = {t.code: t for t in Topic.objects.all()}
    municipalities = list(Municipality.objects.all())
    count = 0
    for kind, desk, topic_codes, notes in DIRECTORY:
        for org in by_kind.get(kind, [])[:2]:
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            domain = slugify(org.short_name or org.name)
            area = rng.sample(municipalities, k=rng.choice([0, 0, 1, 3])) if municipalities else []
            entry = DirectoryEntry(
                organisation=org,
                name=person,
                job_title=desk,
                phone=f"0592 {rng.randint(100, 999)} {rng.randint(100, 999)}",
                email=f"{slugify(person).replace('-', '.')}@{domain}.example",
                notes=notes,
            )
            services.save_directory_entry(
                entry=entry,
                topics=[topics[c] for c in topic_codes if c in topics],
                municipalities=area,
                changed_by=beheerder,
            )
            count += 1
    # One ZVHD contact per municipality, shared out over the directors and the support staff.
    bureau = list(User.objects.filter(username__in=["regisseur", "ondersteuner", "begeleider"]))
    for i, municipality in enumerate(municipalities):
        if bureau and not MunicipalityContact.objects.filter(municipality=municipality).exists():
            services.save_municipality_contact(
                contact=MunicipalityContact(
                    municipality=municipality, zvhd_contact=bureau[i % len(bureau)]
                ),
                changed_by=beheerder,
            )
    stdout.write(f"  sociale kaart: {count} contacten\n")


ADVICE_PER_YEAR = 150


def demo_advice_count(today) -> int:
    """About ADVICE_PER_YEAR a year from 1 January three years ago up to `today`."""
    return ADVICE_PER_YEAR * 3 + ADVICE_PER_YEAR * today.timetuple().tm_yday // 366


def seed_advice(*, rng, stdout, by_kind) -> None:
    if AdviceRecord.objects.exists():
        stdout.write("  adviesvragen: al aanwezig, overgeslagen\n")
        return
    answerers = list(User.objects.filter(username__in=ANSWERERS))
    if not answerers:
        return
    topics = {t.code: t for t in Topic.objects.all()}
    municipalities = list(Municipality.objects.all())
    kinds = [k for k, _w in CALLER_WEIGHTS if by_kind.get(k)]
    weights = [w for k, w in CALLER_WEIGHTS if by_kind.get(k)]
    today = timezone.localdate()
    # 2020 had 112 hub questions and 173 advice/support; a demo year of about 150 in total,
    # from 1 January three years ago up to today.
    first = date(today.year - 3, 1, 1)
    span = (today - first).days
    converter = User.objects.filter(username="regisseur").first()
    records, conversions = [], []
    for _i in range(demo_advice_count(today)):
        kind, topic_code, function, question, answer = rng.choice(QUESTIONS)
        caller_kind = rng.choices(kinds, weights)[0]
        org = rng.choice(by_kind[caller_kind])
        municipality = (
            org.municipality if org.municipality_id else rng.choice(municipalities + [None])
        )
        roll = rng.random()
        outcome = AdviceOutcome.ANSWERED
        referred_to = None
        if roll < 0.18:
            outcome = AdviceOutcome.REFERRED
            referred_to = rng.choice(
                [
                    o
                    for k in (
                        OrganisationKind.GGD,
                        OrganisationKind.VEILIG_THUIS,
                        OrganisationKind.ZORG,
                    )
                    for o in by_kind.get(k, [])
                ]
                or [org]
            )
        answerer = rng.choice(answerers)
        advice = AdviceRecord(
            date=first + timedelta(days=rng.randint(0, span)),
            kind=kind,
            requester_name=f"{function.capitalize()} ({org})",
            organisation=org,
            municipality=municipality,
            topic=topics.get(topic_code) if topic_code else None,
            question=question,
            answer=answer,
            answered_by=answerer,
            minutes_spent=rng.choice([5, 10, 10, 15, 20, 30, 45, 60, 90]),
            outcome=outcome,
            referred_to=referred_to,
        )
        records.append(_recorded(advice, recorded_by=answerer))
        # About one in twenty questions turns out to need a registration.
        if kind != AdviceKind.INFORMATIEKNOOPPUNT and rng.random() < 0.08:
            conversions.append((advice, converter or answerer))
    bulk_create_with_history(records, AdviceRecord, batch_size=BATCH_SIZE)
    for advice, by in conversions:
        services.convert_to_registration(advice=advice, converted_by=by)
    stdout.write(f"  adviesvragen: {len(records)}\n")


def _recorded(advice: AdviceRecord, *, recorded_by: User) -> AdviceRecord:
    """What `services.record_advice` does before it saves, without the database's help: the
    same fields set, the same refusal, every check of full_clean that needs no query (the
    foreign keys are objects loaded above; the database checks its constraints on write)."""
    if advice.outcome == AdviceOutcome.REGISTRATION:
        raise ValueError("the demo converts through services.convert_to_registration")
    advice.created_by = recorded_by
    if not advice.answered_by_id:
        advice.answered_by = recorded_by
    if advice.outcome != AdviceOutcome.REFERRED:
        advice.referred_to = None
    clean_without_queries(advice)
    advice._history_user = recorded_by
    advice._history_date = min(
        timezone.make_aware(datetime.combine(advice.date, time(11))), timezone.now()
    )
    return advice


def seed_signals(*, rng, stdout, by_kind) -> None:
    if PatternSignal.objects.exists():
        stdout.write("  signalen: al aanwezig, overgeslagen\n")
        return
    author = User.objects.filter(username="regisseur").first()
    manager = User.objects.filter(username="manager").first() or author
    if author is None:
        return
    topics = {t.code: t for t in Topic.objects.all()}
    today = timezone.localdate()
    partners = [
        o
        for k in (OrganisationKind.GGZ, OrganisationKind.ZORG, OrganisationKind.RECLASSERING)
        for o in by_kind.get(k, [])
    ]
    for n, (title, kind, topic_code, description, evidence, count) in enumerate(SIGNALS):
        observed = today - timedelta(days=300 - n * 45)
        signal = services.record_signal(
            signal=PatternSignal(
                title=title,
                kind=kind,
                topic=topics.get(topic_code) if topic_code else None,
                description=description,
                evidence=evidence,
                case_count=count,
                observed_on=observed,
            ),
            recorded_by=author,
        )
        if n % 3 == 2:
            continue  # still to be addressed
        services.change_signal_status(
            signal=signal,
            to_status=SignalStatus.ADDRESSED,
            changed_by=manager,
            addressed_to=rng.choice(partners) if partners and n % 2 else None,
            addressed_to_body="" if partners and n % 2 else "Stuurgroep ZVHD",
            addressed_on=observed + timedelta(days=21),
        )
        if n % 3 == 0:
            services.change_signal_status(
                signal=signal,
                to_status=SignalStatus.FOLLOW_UP,
                changed_by=manager,
                response="Herkend; de partner onderzoekt extra capaciteit en koppelt terug.",
                follow_up="Terugkoppeling geagendeerd voor het volgende bestuurlijk overleg.",
            )
    stdout.write(f"  signalen: {len(SIGNALS)}\n")


@transaction.atomic
def seed(*, stdout, rng) -> None:
    by_kind = _organisations_by_kind()
    seed_directory(rng=rng, stdout=stdout, by_kind=by_kind)
    seed_advice(rng=rng, stdout=stdout, by_kind=by_kind)
    seed_signals(rng=rng, stdout=stdout, by_kind=by_kind)
