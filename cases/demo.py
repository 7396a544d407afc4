"""Demo data of the cases app: a few hundred fictitious cases since 1 January three years ago
(so the dashboard's three full years side by side all have figures), in every state.

Made through the services (so every case has its transitions, history and numbers like a real
one) and then dated back. Safe to run twice: the demo cases are recognised by their
registrants' demo e-mail domain and not made again.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from cases import services
from cases.models import Case, ClosingReason, Decision, Transition
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User

DEMO_DOMAIN = "demo.zvhd.example"
CASES = 320

FIRST = [
    "Jan",
    "Sanne",
    "Kevin",
    "Femke",
    "Dirk",
    "Lotte",
    "Bas",
    "Anouk",
    "Ricardo",
    "Ilse",
    "Mohammed",
    "Esther",
    "Tim",
    "Naomi",
    "Gert",
    "Yara",
    "Henk",
    "Demi",
    "Jeroen",
    "Sabine",
]
LAST = [
    "de Vries",
    "Bakker",
    "Hoekstra",
    "Mulder",
    "Kuiper",
    "Smit",
    "Meijer",
    "Bos",
    "Dijkstra",
    "Veenstra",
    "Visser",
    "Postma",
    "Jonker",
    "Huisman",
    "Brouwer",
    "Wiersma",
    "Koster",
    "Hofman",
    "Zwiers",
    "Lubbers",
]
REASONS = [
    "Herhaaldelijk overlast in de buurt, verward gedrag en oplopende huurachterstand.",
    "Jongere raakt betrokken bij drugshandel; school en ouders hebben geen grip meer.",
    "Huiselijk geweld met kinderen in huis; hulpverlening loopt langs elkaar heen.",
    "Ex-gedetineerde met hoog veiligheidsrisico, geen woning na vrijlating.",
    "Vervuiling en verwaarlozing van de woning, zorg wordt geweigerd.",
    "Stalking van ex-partner ondanks contactverbod.",
]
GOALS = [
    ("wonen", "Stabiele woonplek zonder overlast"),
    ("financien", "Schulden in beeld en budgetbeheer gestart"),
    ("gezondheid", "Behandeling bij GGZ gestart en volgehouden"),
    ("veiligheid", "Geen nieuwe meldingen van overlast of geweld"),
    ("dagbesteding", "Dagbesteding of werk minstens drie dagen per week"),
    ("gezin", "Veiligheid van de kinderen geborgd"),
]
ACTIONS = [
    "Huisbezoek afleggen",
    "Aanmelding schuldhulpverlening",
    "Intake GGZ plannen",
    "Gesprek met verhuurder",
    "Toezicht reclassering afstemmen",
    "Veiligheidsplan opstellen",
]


def _user(username):
    return User.objects.filter(username=username).first()


@transaction.atomic
def seed(*, stdout, rng) -> None:
    if Case.objects.filter(registrant_email__endswith=DEMO_DOMAIN).exists():
        stdout.write("Casussen: demo-casussen bestaan al, niets toegevoegd.\n")
        return
    directors = list(User.objects.filter(groups__name=Role.PROCESREGISSEUR, is_active=True))
    regisseur = _user("regisseur") or (directors[0] if directors else None)
    manager = _user("manager") or regisseur
    support = _user("ondersteuner") or regisseur
    partner = _user("partner")
    liaison = _user("liaison.politie")
    if regisseur is None:
        stdout.write("Casussen: geen procesregisseur in de demo, overgeslagen.\n")
        return
    registrants = list(Organisation.objects.partners().filter(active=True))
    municipalities = list(Municipality.objects.all())
    team_pool = [u for u in (partner, liaison) if u is not None]
    zvh = Organisation.objects.filter(kind=OrganisationKind.ZVH).first()
    today = timezone.localdate()
    # The figures compare the last three full years: the demo starts at the first of them.
    start = date(today.year - 3, 1, 1)
    ketenkamer = services.plan_ketenkamer(
        date=today + timedelta(days=(3 - today.weekday()) % 7), planned_by=regisseur
    )
    group = services.create_group(
        name="Jeugdgroep Stationsgebied Assen",
        director=regisseur,
        created_by=regisseur,
        description="Groep jongeren rond het station met overlast en beginnende criminaliteit.",
        plan="Gezamenlijke aanpak: persoonsgerichte plannen, ouders betrekken, toezicht.",
    )
    made = 0
    # Ages in days, oldest first so case numbers follow the calendar; the newest fourteen are
    # spread over the last two weeks (fresh, in screening, on the agenda, overdue).
    ages = sorted(
        list(range(14))
        + [int((n / CASES) ** 0.8 * (today - start).days) + 14 for n in range(CASES - 14)],
        reverse=True,
    )
    for n, age_days in enumerate(ages):
        registered_on = today - timedelta(days=age_days)
        registered_at = timezone.make_aware(datetime.combine(registered_on, time(9 + n % 8)))
        municipality = rng.choice(municipalities)
        organisation = rng.choice(registrants)
        birth = today - timedelta(days=rng.randint(15 * 365, 70 * 365))
        director = regisseur if n % 3 == 0 else rng.choice(directors or [regisseur])
        case = services.register_case(
            registered_by=partner if partner and organisation == partner.organisation else support,
            registering_organisation=organisation,
            registrant_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            registrant_email=f"aanmelder{n}@{DEMO_DOMAIN}",
            municipality=municipality,
            municipal_domain=rng.choice(["veiligheid", "sociaal"])
            if organisation.kind == OrganisationKind.GEMEENTE
            else "",
            person={
                "first_name": rng.choice(FIRST),
                "last_name": rng.choice(LAST),
                "birth_date": birth,
                "gender": rng.choice(["man", "man", "vrouw", "onbekend"]),
                "municipality": municipality,
                "city": municipality.name,
            },
            reason=rng.choice(REASONS),
            desired_outcome="Eén gezamenlijk plan met duidelijke afspraken en regie.",
            topic=rng.choice(
                [
                    "multiproblematiek",
                    "ex_gedetineerden",
                    "criminele_jongeren",
                    "geweld_afhankelijkheidsrelaties",
                    "radicalisering",
                ]
            ),
            problem_areas=rng.sample(
                [
                    "psychisch",
                    "verslaving",
                    "lvb",
                    "huisvesting",
                    "schulden",
                    "huiselijk_geweld",
                    "jeugdcriminaliteit",
                ],
                k=rng.randint(2, 4),
            ),
            person_informed=rng.random() > 0.15,
            not_informed_reason="Informeren brengt de veiligheid van het slachtoffer in gevaar.",
            urgency=rng.choice(["normaal", "normaal", "hoog", "acuut"]),
            registered_at=registered_at,
        )
        made += 1
        if age_days <= 3:
            continue  # fresh registrations, not yet screened
        services.screen_case(case=case, screened_by=support, notes="Compleet.", complete=True)
        if liaison and rng.random() < 0.4:
            services.add_enrichment(
                case=case,
                added_by=liaison,
                text="Bekend bij politie: meerdere meldingen overlast.",
                shared_with=rng.choice(["zvhd", "team"]),
            )
        if age_days <= 10:
            continue  # on the agenda of the coming ketenkamer; a few are older than 5 days
        decided_on = registered_on + timedelta(days=rng.randint(3, 9))
        roll = rng.random()
        if roll < 0.08:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.NIET_OPGEPAKT,
                criteria=services.Criteria(True, False, False, True, False),
                reason="Geen meervoudige problematiek die ketensamenwerking vraagt.",
                referred_to="Sociaal wijkteam",
                decided_on=decided_on,
            )
        elif roll < 0.14:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.ADVIES,
                criteria=services.Criteria(True, True, False, False, False),
                reason="Advies aan de aanmelder.",
                decided_on=decided_on,
            )
        elif roll < 0.20:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.ONDERSTEUNING,
                criteria=services.Criteria(True, True, True, False, False),
                reason="Regie blijft lokaal.",
                decided_on=decided_on,
            )
        elif roll < 0.23:
            services.withdraw_case(
                case=case, withdrawn_by=support, reason="Aanmelder trekt in: zorg is alsnog rond."
            )
        else:
            _direct(
                case,
                rng=rng,
                director=director,
                support=support,
                team_pool=team_pool,
                decided_on=decided_on,
                today=today,
                manager=manager,
                zvh=zvh,
                group=group if n % 41 == 0 else None,
            )
        _date_transitions(case, registered_at, decided_on)
    stdout.write(f"Casussen: {made} demo-casussen aangemaakt; ketenkamer op {ketenkamer.date}.\n")


def _direct(case, *, rng, director, support, team_pool, decided_on, today, manager, zvh, group):
    services.decide_triage(
        case=case,
        decided_by=director,
        decision=Decision.MAATWERK if rng.random() < 0.65 else Decision.PGA,
        criteria=services.Criteria(True, True, True, True, rng.random() < 0.2),
        reason="Voldoet aan de criteria.",
        director=director,
        support=support,
        decided_on=decided_on,
    )
    for member in team_pool:
        if rng.random() < 0.6:
            services.add_team_member(case=case, user=member, task="Ketenpartner", added_by=director)
    running_days = (today - decided_on).days
    services.save_plan(
        case=case,
        saved_by=director,
        expected_version=None,
        summary="Gezamenlijke analyse: meerdere leefgebieden, zorg mijdend, risico op escalatie.",
        review_on=min(decided_on + timedelta(days=90), today + timedelta(days=rng.randint(1, 40))),
    )
    for domain, text in rng.sample(GOALS, k=3):
        goal = services.add_goal(case=case, added_by=director, life_domain=domain, description=text)
    organisations = list(Organisation.objects.partners()[:8])
    for m in range(min(3, 1 + running_days // 60)):
        meeting_day = min(decided_on + timedelta(days=14 + 45 * m), today)
        services.record_meeting(
            case=case,
            recorded_by=director,
            date=meeting_day,
            attendees=[u for u in [director, *team_pool] if u],
            notes="Stand van zaken besproken; afspraken herijkt.",
            decisions="Plan blijft staan, acties zoals hieronder.",
            actions=[
                {
                    "description": rng.choice(ACTIONS),
                    "owner_organisation": rng.choice(organisations),
                    "due_on": meeting_day + timedelta(days=rng.randint(7, 40)),
                    "goal": goal,
                }
            ],
        )
    for action in case.actions.filter(due_on__lt=today - timedelta(days=10)):
        services.set_action_status(
            action=action, changed_by=director, status=rng.choice(["gereed", "gereed", "bezig"])
        )
    if group is not None:
        services.link_to_group(case=case, group=group, linked_by=director)
    if running_days > 120 and rng.random() < 0.7:
        reason = rng.choice(list(ClosingReason.values))
        closed_on = min(decided_on + timedelta(days=rng.randint(100, 400)), today)
        services.close_case(
            case=case,
            closed_by=director,
            reason=reason,
            closed_on=closed_on,
            handed_over_to=zvh if reason == ClosingReason.MOVED else None,
            note="Afgeschaald na evaluatie.",
        )
        if rng.random() < 0.05:
            services.reopen_case(case=case, reopened_by=director, reason="Nieuwe escalatie.")
    elif rng.random() < 0.1:
        services.escalate_case(
            case=case,
            escalated_by=director,
            level="management",
            reason="Geen passende woonplek beschikbaar.",
            escalated_to="Management woningcorporatie en gemeente",
        )


def _date_transitions(case, registered_at, decided_on):
    """Move the transitions made 'now' back to the case's own time line (Transition has no
    history of its own, so a bulk update is allowed here)."""
    moments = list(case.transitions.order_by("pk").values_list("pk", flat=True))
    for index, pk in enumerate(moments[1:], start=1):
        when = (
            registered_at + timedelta(days=2)
            if index == 1
            else timezone.make_aware(datetime.combine(decided_on, time(10)))
            + timedelta(days=(index - 2) * 30)
        )
        Transition.objects.filter(pk=pk).update(at=min(when, timezone.now()))
