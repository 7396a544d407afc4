"""Demo data: the indicator list, a year of fictitious signals, monthly Drieluiken, awareness.

Everything goes through the services, as a real year would. Safe to run twice: the indicator
list is keyed by code, and the signals and meetings are made only when the register is empty
(a second run leaves a register that people may have worked in alone).
All names are invented; any resemblance to real persons is accidental.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from trafficking import services
from trafficking.models import (
    AgendaItem,
    AwarenessActivity,
    AwarenessKind,
    Decision,
    DrieluikMeeting,
    ExploitationForm,
    FollowUpStatus,
    Gender,
    Indicator,
    Minor,
    Observation,
    Sector,
    Signal,
)
from zvhd.holidays import working_day_on_or_after
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User

# A reference list in the spirit of the national signal lists (CoMensha, Fier, politie).
TUESDAY = 1

INDICATORS = [
    (ExploitationForm.SEXUAL, "S01", "Moet (een groot deel van) de verdiensten afstaan"),
    (ExploitationForm.SEXUAL, "S02", "Werkt op wisselende adressen of kent het werkadres niet"),
    (ExploitationForm.SEXUAL, "S03", "Heeft geen beschikking over eigen identiteitspapieren"),
    (ExploitationForm.SEXUAL, "S04", "Wordt bedreigd of onder druk gezet, ook via familie"),
    (ExploitationForm.SEXUAL, "S05", "Advertenties geplaatst door een ander"),
    (ExploitationForm.SEXUAL, "S06", "Loverboy-signalen: afhankelijkheid van een 'vriend'"),
    (ExploitationForm.LABOUR, "A01", "Werkt excessief lange dagen zonder vrije dagen"),
    (ExploitationForm.LABOUR, "A02", "Loon ver onder het minimumloon of niet uitbetaald"),
    (ExploitationForm.LABOUR, "A03", "Schuld bij werkgever of bemiddelaar (reis, huur, boetes)"),
    (ExploitationForm.LABOUR, "A04", "Woont bij de werkgever onder slechte omstandigheden"),
    (ExploitationForm.LABOUR, "A05", "Werkgever houdt identiteitspapieren in"),
    (ExploitationForm.CRIMINAL, "C01", "Wordt ingezet voor drugshandel of -transport"),
    (ExploitationForm.CRIMINAL, "C02", "Moet winkeldiefstallen of inbraken plegen voor een ander"),
    (ExploitationForm.CRIMINAL, "C03", "Bankrekening of identiteit gebruikt door anderen"),
    (ExploitationForm.CRIMINAL, "C04", "Schuld aan of afhankelijkheid van een dominante persoon"),
    (ExploitationForm.ORGAN, "O01", "Verzoek of druk om een orgaan af te staan"),
    (ExploitationForm.ORGAN, "O02", "Recente operatie zonder duidelijke medische reden"),
]

FIRST_NAMES_F = ["Anna", "Daria", "Ioana", "Maria", "Esther", "Lisa", "Fatima", "Chloe", "Mirela"]
FIRST_NAMES_M = ["Andrei", "Piotr", "Tomasz", "Yusuf", "Kevin", "Dennis", "Mihai", "Jamal"]
LAST_NAMES = [
    "K.",
    "Nowak",
    "Popescu",
    "de Vries",
    "Bakker",
    "Ionescu",
    "Visser",
    "El A.",
    "Mulder",
]
ORIGINS = [
    ("Nederlandse", "Nederland"),
    ("Nederlandse", "Nederland"),
    ("Nederlandse", "Nederland"),
    ("Roemeense", "Roemenië"),
    ("Poolse", "Polen"),
    ("Bulgaarse", "Bulgarije"),
    ("Oekraïense", "Oekraïne"),
    ("Nigeriaanse", "Nigeria"),
    ("", ""),
]
FORM_SECTORS = {
    ExploitationForm.SEXUAL: [Sector.PROSTITUTION, Sector.PROSTITUTION, Sector.UNKNOWN],
    ExploitationForm.LABOUR: [
        Sector.AGRICULTURE,
        Sector.FOOD,
        Sector.LOGISTICS,
        Sector.CONSTRUCTION,
        Sector.HOSPITALITY,
        Sector.CLEANING,
    ],
    ExploitationForm.CRIMINAL: [Sector.DRUGS, Sector.DRUGS, Sector.OTHER_CRIME],
    ExploitationForm.ORGAN: [Sector.OTHER],
}
DESCRIPTIONS = {
    ExploitationForm.SEXUAL: "Wijkteam ziet wisselende bezoekers op het adres; jonge vrouw lijkt "
    "niet vrij te kunnen gaan en staat telefoon af aan een man.",
    ExploitationForm.LABOUR: "Arbeidsmigranten wonen met te veel mensen in een woning van de "
    "werkgever; loon wordt ingehouden voor huur en vervoer.",
    ExploitationForm.CRIMINAL: "Jongere wordt meermaals met drugs aangetroffen; vertelt een "
    "schuld te moeten afbetalen aan oudere jongens.",
    ExploitationForm.ORGAN: "Huisarts meldt vermoeden van druk op een patiënt om een nier af "
    "te staan.",
}
AWARENESS = [
    (AwarenessKind.TRAINING, "Basistraining signalen mensenhandel", "wijkteams", 18),
    (AwarenessKind.TRAINING, "Bewustwordingstraining", "medewerkers Werk en Inkomen", 22),
    (AwarenessKind.DEEPENING, "Verdieping arbeidsuitbuiting", "handhavers en toezichthouders", 14),
    (AwarenessKind.MEETING, "Bijeenkomst casuïstiek en beleid", "aandachtsfunctionarissen", 31),
    (AwarenessKind.PRESENTATION, "Voorlichting meldroute", "huisartsen en POH-GGZ", 26),
    (AwarenessKind.TRAINING, "Bewustwordingstraining", "medewerkers zorginstellingen", 19),
    (AwarenessKind.MEETING, "Bijeenkomst casuïstiek en beleid", "aandachtsfunctionarissen", 27),
]


def seed_indicators(by) -> None:
    for order, (form, code, text) in enumerate(INDICATORS):
        indicator = Indicator.objects.filter(code=code).first() or Indicator(code=code)
        indicator.form, indicator.text, indicator.order = form, text, order
        services.save_indicator(indicator=indicator, saved_by=by)


def seed_drieluik_member(stdout) -> User:
    """A care coordinator for trafficking, member of the Drieluik (login like the others)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    from zvhd.network.demo import demo_password_hash, demo_totp_secret
    from zvhd.network.services import save_user

    username = "drieluik"
    user = User.objects.filter(username=username).first() or User(username=username)
    user.first_name, user.last_name = "Dirk", "Drieluik"
    user.email = "drieluik@zvhd.example"
    user.job_title = "Zorgcoördinator mensenhandel"
    user.organisation = Organisation.objects.filter(kind=OrganisationKind.ZORG).first() or (
        Organisation.objects.filter(kind=OrganisationKind.GGZ).first()
    )
    user.is_active = True
    user.password = demo_password_hash()
    save_user(user=user, roles=[Role.DRIELUIK_LID], changed_by=None)
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(username))
        RecoveryCodes.activate(user)
    stdout.write(
        f"  {username:<18} {'Drieluik-lid':<30} TOTP-geheim {demo_totp_secret(username)}\n"
    )
    return user


def _pick_forms(rng) -> list[str]:
    roll = rng.random()
    if roll < 0.40:
        forms = [ExploitationForm.SEXUAL]
    elif roll < 0.72:
        forms = [ExploitationForm.LABOUR]
    elif roll < 0.95:
        forms = [ExploitationForm.CRIMINAL]
    else:
        forms = [ExploitationForm.ORGAN]
    if rng.random() < 0.12:  # several forms at once happen
        extra = rng.choice([f for f in ExploitationForm.values if f not in forms][:2])
        forms.append(extra)
    return forms


def _make_signal(rng, received_on: date, director, municipalities, organisations) -> Signal:
    forms = _pick_forms(rng)
    main = forms[0]
    gender = (
        Gender.FEMALE
        if main == ExploitationForm.SEXUAL and rng.random() < 0.9
        else rng.choice([Gender.MALE, Gender.MALE, Gender.FEMALE, Gender.UNKNOWN])
    )
    nationality, origin = rng.choice(ORIGINS)
    unknown = rng.random() < 0.15
    birth_date = None
    minor = Minor.UNKNOWN
    if not unknown and rng.random() < 0.7:
        young = main in (ExploitationForm.CRIMINAL, ExploitationForm.SEXUAL)
        age = rng.randint(14, 24) if young and rng.random() < 0.5 else rng.randint(18, 55)
        birth_date = received_on - timedelta(days=age * 365 + rng.randint(0, 300))
    elif not unknown and rng.random() < 0.5:
        minor = rng.choice([Minor.YES, Minor.NO, Minor.NO])
    names = FIRST_NAMES_F if gender == Gender.FEMALE else FIRST_NAMES_M
    signal = Signal(
        received_on=received_on,
        reporting_organisation=rng.choice(organisations),
        reporter_name=rng.choice(["J. Hoekstra", "M. Smit", "wijkagent", "S. de Boer", ""]),
        person_unknown=unknown,
        first_name="" if unknown else rng.choice(names),
        last_name="" if unknown or rng.random() < 0.3 else rng.choice(LAST_NAMES),
        alias="" if rng.random() < 0.7 else rng.choice(["Bella", "Kiki", "Mo", "Sasha"]),
        birth_date=birth_date,
        minor=minor,
        gender=gender,
        nationality=nationality,
        country_of_origin=origin,
        municipality=rng.choice(municipalities),
        sector=rng.choice(FORM_SECTORS[main]),
        description=DESCRIPTIONS[main],
    )
    return services.register_signal(signal=signal, forms=forms, registered_by=director)


def _observe(rng, signal: Signal, director) -> None:
    indicators = list(Indicator.objects.filter(active=True, form__in=signal.form_values))
    chosen = rng.sample(indicators, k=min(len(indicators), rng.randint(1, 4)))
    services.record_indicators(
        signal=signal,
        observations={
            i.pk: (
                rng.choice([Observation.OBSERVED, Observation.OBSERVED, Observation.UNKNOWN]),
                rng.choice(["melder", "wijkagent", "huisbezoek", "gesprek met betrokkene"]),
            )
            for i in chosen
        },
        recorded_by=director,
    )


DECISION_WEIGHTS = [
    (Decision.CARE, 0.30),
    (Decision.POLICE, 0.22),
    (Decision.NONE, 0.18),
    (Decision.DIRECTION, 0.08),
    (Decision.OTHER, 0.10),
    (Decision.RESCHEDULE, 0.12),
]
RESPONSIBLE = {
    Decision.CARE: "Zorgcoördinator mensenhandel Drenthe",
    Decision.POLICE: "Politie, team AVIM",
    Decision.DIRECTION: "ZVHD procesregie",
    Decision.OTHER: "Veilig Thuis Drenthe",
}


def _decide(rng) -> str:
    roll, total = rng.random(), 0.0
    for decision, weight in DECISION_WEIGHTS:
        total += weight
        if roll < total:
            return decision
    return Decision.CARE


@transaction.atomic
def seed(*, stdout, rng) -> None:
    director = User.objects.filter(username="mensenhandel").first()
    if director is None:  # the house seeds it; without it there is nobody to register
        stdout.write("  geen ketenregisseur mensenhandel: overgeslagen\n")
        return
    member = seed_drieluik_member(stdout)
    seed_indicators(director)
    if Signal.objects.exists():
        stdout.write("  register heeft al signalen: geen nieuwe demo-signalen\n")
        return

    today = timezone.localdate()
    start = today - timedelta(days=365)
    municipalities = list(Municipality.objects.all())
    organisations = list(
        Organisation.objects.exclude(kind__in=[OrganisationKind.ZVHD, OrganisationKind.DJI])
    )
    # About 67 signals a year, as in 2023; the first Drieluik a week in, then every 4 weeks.
    days = sorted(rng.randint(0, 364) for _ in range(67))
    # On a Tuesday, as a standing meeting is; a Tuesday that is a public holiday moves on.
    first = start + timedelta(days=7 + (TUESDAY - (start + timedelta(days=7)).weekday()) % 7)
    # One more than the year holds: the next Drieluik is planned already (issue 23: the start
    # page's "Drieluik" showed the last one, weeks ago, for want of a next).
    meetings = [working_day_on_or_after(first + timedelta(days=28 * n)) for n in range(15)]
    pending = iter(days)
    next_day = next(pending, None)
    for held_on in meetings:
        while next_day is not None and start + timedelta(days=next_day) <= held_on - timedelta(2):
            signal = _make_signal(
                rng, start + timedelta(days=next_day), director, municipalities, organisations
            )
            _observe(rng, signal, director)
            next_day = next(pending, None)
        if held_on > today:
            services.plan_meeting(
                held_on=held_on,
                location="ZVHD, Assen",
                attendees=[director, member],
                other_attendees="Politie Drenthe (AVIM), zorgcoördinator Fier",
                planned_by=director,
            )
            break
        meeting = services.plan_meeting(
            held_on=held_on,
            location=rng.choice(["ZVHD, Assen", "Politiebureau Emmen", "online (Teams)"]),
            attendees=[director, member],
            other_attendees="Politie Drenthe (AVIM), zorgcoördinator Fier",
            planned_by=director,
        )
        for item in AgendaItem.objects.filter(meeting=meeting).select_related("signal"):
            decision = _decide(rng)
            if decision == Decision.DIRECTION and services.missing_for_direction(item.signal):
                # Process direction needs a known person; for the others the care
                # coordinator takes it up, as the Drieluik would decide.
                decision = Decision.CARE
            services.record_decision(
                item=item,
                discussion="Besproken; informatie van politie en zorg gedeeld.",
                decision=decision,
                decided_on=held_on,
                responsible=RESPONSIBLE.get(decision, ""),
                decided_by=director,
            )
    # Signals after the last meeting wait for the next Drieluik.
    while next_day is not None:
        _make_signal(rng, start + timedelta(days=next_day), director, municipalities, organisations)
        next_day = next(pending, None)

    # Older follow-ups run their course; about half the reports went to CoMensha.
    for signal in Signal.objects.filter(received_on__lt=today - timedelta(days=90)):
        for follow_up in signal.follow_ups.exclude(status=FollowUpStatus.CLOSED):
            services.change_follow_up_status(
                follow_up=follow_up,
                status=FollowUpStatus.CLOSED,
                on=min(today, follow_up.decided_on + timedelta(days=rng.randint(20, 80))),
                changed_by=director,
            )
        if rng.random() < 0.6:
            services.mark_reported_to_comensha(
                signal=signal,
                reported_on=min(today, signal.received_on + timedelta(days=rng.randint(3, 30))),
                reported_by=director,
            )

    for n, (kind, title, audience, participants) in enumerate(AWARENESS):
        municipality = rng.choice(municipalities)
        services.record_awareness_activity(
            activity=AwarenessActivity(
                held_on=working_day_on_or_after(start + timedelta(days=20 + n * 50)),
                kind=kind,
                title=title,
                audience=f"{audience} gemeente {municipality.name}",
                municipality=municipality,
                participants=participants,
            ),
            recorded_by=director,
        )
    stdout.write(
        f"  {Signal.objects.count()} signalen, {DrieluikMeeting.objects.count()} Drieluiken\n"
    )


def access_reads(calendar) -> list:
    """Reads of the demo signals by the chain director, for the access review
    (zvhd/privacy/demo_access.py)."""
    from trafficking.models import Signal, SignalStatus
    from zvhd.privacy.demo_access import DemoRead

    at, workdays = calendar.at, calendar.workdays
    signals = list(Signal.objects.exclude(status=SignalStatus.CLOSED).order_by("pk")[:4])
    return [
        DemoRead("mensenhandel", at(day, 14 + i % 3, 15 + 4 * i), "office", signal)
        for i, (day, signal) in enumerate(zip(workdays[::3], signals, strict=False))
    ]
