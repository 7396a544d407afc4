"""Demo data of the cases app: a few hundred fictitious cases since 1 January three years ago
(so the dashboard's three full years side by side all have figures), in every state.

Made through the services (so every case has its transitions, history and numbers like a real
one) and then dated back. Safe to run twice: the demo cases are recognised by their
registrants' demo e-mail domain and not made again.

The case team, goals, meetings and actions of the direction cases (two thirds of the rows and
of the time when written one service call each) are collected and written at the end a few
statements per table, as the import writes (`import_historic_cases`): checked in memory
(`clean_without_queries`, plus the rule of `record_meeting` that a meeting is not before the
start), with simple-history's `bulk_create_with_history` / `bulk_update_with_history`, the
one allowed bulk write on models with history (CONVENTIONS rule 7): every row gets the history
row a service would give it, by the director, dated on the case's own time line. A team member
gets the same object permission (`cases.view_case` on that case) `add_team_member` grants.

The e-mails of those years went out when they happened: each case is marked as notified at
its registration and decision, before the commit that sends the notifications, so the tasks
find nothing to send (no 650 e-mails to made-up addresses, which the console mail backend of
`make run` printed over the list of demo accounts). The registrations other apps' demos make
today are told about as usual.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cases import services
from cases.models import (
    Action,
    ActionStatus,
    Case,
    CaseMeeting,
    CaseUserObjectPermission,
    ClosingReason,
    Decision,
    Goal,
    Ketenkamer,
    LegalBasis,
    TeamMember,
    Transition,
)
from zvhd import formats
from zvhd.batch import BATCH_SIZE, clean_without_queries
from zvhd.network.models import Municipality, Organisation, OrganisationKind, Role, User

DEMO_DOMAIN = "demo.zvhd.example"
WGS_IN_FORCE = date(2025, 3, 1)
# The basis a registering partner of the demo provides under, by kind of organisation.
BASIS_BY_KIND = {
    OrganisationKind.POLITIE: "wpg",
    OrganisationKind.OM: "wjsg",
    OrganisationKind.DJI: "wjsg",
    OrganisationKind.RECLASSERING: "wjsg",
    OrganisationKind.GEMEENTE: "avg-6-1-e",
    OrganisationKind.GGZ: "conflict-van-plichten",
    OrganisationKind.VERSLAVINGSZORG: "toestemming",
}


def _person(rng, *, birth: date, municipality) -> dict:
    """Who a demo case is about. The gender goes with the first name ("Femke Huisman, man"
    read oddly), unknown one time in four; drawn as before, so the rest of the demo keeps
    its sequence."""
    first_name, last_name = rng.choice(FIRST), rng.choice(LAST)
    drawn = rng.choice(["man", "man", "vrouw", "onbekend"])
    return {
        "first_name": first_name,
        "last_name": last_name,
        "birth_date": birth,
        "gender": "onbekend"
        if drawn == "onbekend"
        else ("vrouw" if first_name in WOMEN else "man"),
        "municipality": municipality,
        "city": municipality.name,
    }


def _topic(n: int, drawn: str) -> str:
    return "mensenhandel" if n % 12 == 5 else drawn


def _problem_areas(n: int, drawn: list[str]) -> list[str]:
    return [*drawn, "mensenhandel"] if n % 12 == 5 else drawn


def basis_of(organisation) -> str:
    return BASIS_BY_KIND.get(organisation.kind, "wgs")


CASES = 320

FIRST = [  # the order is the demo's: a new name goes at the end
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
# The women's names of FIRST (a person's gender goes with it: _person).
WOMEN = frozenset(
    {"Sanne", "Femke", "Lotte", "Anouk", "Ilse", "Esther", "Naomi", "Yara", "Demi", "Sabine"}
)
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


def _at(day: date, hour: int = 10) -> datetime:
    return min(timezone.make_aware(datetime.combine(day, time(hour))), timezone.now())


class _Plans:
    """The team, goals, meetings and actions of the direction cases, written at the end."""

    def __init__(self):
        self.team, self.permissions, self.goals, self.meetings = [], [], [], []
        self.attendees, self.actions, self.progress = [], [], []
        self.view_case = Permission.objects.get(
            content_type__app_label="cases", codename="view_case"
        )

    @staticmethod
    def _made(record, by, when):
        record._history_user, record._history_date = by, when
        return record

    def add_member(self, *, case, user, task, added_by, on):
        member = TeamMember(case=case, user=user, organisation=user.organisation, task=task)
        clean_without_queries(member, exclude=["case"])
        self.team.append(self._made(member, added_by, _at(on)))
        self.permissions.append(
            CaseUserObjectPermission(permission=self.view_case, user=user, content_object=case)
        )

    def add_goal(self, *, case, added_by, life_domain, description, on):
        goal = Goal(case=case, life_domain=life_domain, description=description)
        clean_without_queries(goal, exclude=["case"])
        self.goals.append(self._made(goal, added_by, _at(on)))
        return goal

    def record_meeting(self, *, case, recorded_by, date, attendees, notes, decisions, actions):
        if case.started_on and date < case.started_on:
            raise ValidationError(
                {"date": "Het overleg kan niet vóór de start van de procesregie."}
            )
        meeting = CaseMeeting(
            case=case, date=date, notes=notes, decisions=decisions, created_by=recorded_by
        )
        clean_without_queries(meeting, exclude=["case"])
        self.meetings.append(self._made(meeting, recorded_by, _at(date, 15)))
        self.attendees.append((meeting, attendees))
        made = []
        for item in actions:
            action = Action(case=case, meeting=meeting, **item)
            clean_without_queries(action, exclude=["case", "meeting", "goal"])
            self.actions.append(self._made(action, recorded_by, _at(date, 15)))
            made.append(action)
        return made

    def set_action_status(self, *, action, changed_by, status, on):
        if status not in ActionStatus.values:
            raise ValidationError({"status": "Onbekende status."})
        self.progress.append((action, status, changed_by, _at(on, 16)))

    def write(self):
        def create(model, records):
            bulk_create_with_history(records, model, batch_size=BATCH_SIZE)

        create(TeamMember, self.team)
        CaseUserObjectPermission.objects.bulk_create(self.permissions, batch_size=BATCH_SIZE)
        create(Goal, self.goals)
        create(CaseMeeting, self.meetings)
        through = CaseMeeting.attendees.through
        through.objects.bulk_create(
            [
                through(casemeeting_id=meeting.pk, user_id=user.pk)
                for meeting, users in self.attendees
                for user in users
            ],
            batch_size=BATCH_SIZE,
        )
        create(Action, self.actions)  # open, as record_meeting makes them
        changed = []
        for action, status, by, when in self.progress:
            action.status = status
            changed.append(self._made(action, by, when))
        bulk_update_with_history(changed, Action, ["status"], batch_size=BATCH_SIZE)


@transaction.atomic
def seed(*, stdout, rng) -> None:
    """Three years of made-up history are told to nobody (no inbox rows, no e-mails, and no
    visibility checks per recipient slowing the seeding); inbox/demo.py then gives the demo
    accounts a few recent notifications."""
    from inbox.services import muted

    with muted():
        _seed(stdout=stdout, rng=rng)


def _seed(*, stdout, rng) -> None:
    if Case.objects.filter(registrant_email__endswith=DEMO_DOMAIN).exists():
        stdout.write("Casussen: demo-casussen bestaan al, niets toegevoegd.\n")
        return
    directors = list(User.objects.filter(groups__name=Role.PROCESREGISSEUR, is_active=True))
    regisseur = _user("regisseur") or (directors[0] if directors else None)
    manager = _user("manager") or regisseur
    support = _user("ondersteuner") or regisseur
    # The trajectbegeleider goes out to the person in one case in six that is directed
    # (decided by the case number, not by a draw, so the other cases stay as they were).
    begeleider = _user("begeleider")
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
    organisations = list(Organisation.objects.partners()[:8])
    ketenkamers: dict[date, Ketenkamer] = {}  # the weekly ketenkamers held, by date
    plans = _Plans()
    notified = []  # cases whose notifications went out in their own time
    moved = []  # transitions put back on their case's time line, written at the end
    made = 0
    # Ages in days, oldest first so case numbers follow the calendar; the newest fourteen are
    # spread over the last two weeks (fresh, in screening, on the agenda, overdue).
    ages = sorted(
        list(range(14))
        + [int((n / CASES) ** 0.8 * (today - start).days) + 14 for n in range(CASES - 14)],
        reverse=True,
    )
    bases = {basis.code: basis for basis in LegalBasis.objects.all()}
    for n, age_days in enumerate(ages):
        registered_on = today - timedelta(days=age_days)
        registered_at = timezone.make_aware(datetime.combine(registered_on, time(9 + n % 8)))
        municipality = rng.choice(municipalities)
        organisation = rng.choice(registrants)
        birth = today - timedelta(days=rng.randint(15 * 365, 70 * 365))
        director = regisseur if n % 3 == 0 else rng.choice(directors or [regisseur])
        # Drawn in the order they always were (registrant, domain, person), so the rest of
        # the demo keeps its sequence.
        registrant = (rng.choice(FIRST), rng.choice(LAST))
        domain = (
            rng.choice(["veiligheid", "sociaal"])
            if organisation.kind == OrganisationKind.GEMEENTE
            else ""
        )
        person = _person(rng, birth=birth, municipality=municipality)
        if registrant == (person["first_name"], person["last_name"]):
            # "Aanmelder: Femke Huisman" on Femke Huisman's case read as a self-registration.
            registrant = (registrant[0], LAST[(LAST.index(registrant[1]) + 1) % len(LAST)])
        case = services.register_case(
            registered_by=partner if partner and organisation == partner.organisation else support,
            registering_organisation=organisation,
            registrant_name=" ".join(registrant),
            registrant_email=f"aanmelder{n}@{DEMO_DOMAIN}",
            municipality=municipality,
            municipal_domain=domain,
            person=person,
            reason=rng.choice(REASONS),
            desired_outcome="Eén gezamenlijk plan met duidelijke afspraken en regie.",
            # Drawn as before (the rest of the demo keeps its sequence); every twelfth case
            # is about trafficking and every sixth crosses a municipal border, so those
            # charts have data in every demo year (issue 23).
            topic=_topic(
                n,
                rng.choice(
                    [
                        "multiproblematiek",
                        "ex_gedetineerden",
                        "criminele_jongeren",
                        "geweld_afhankelijkheidsrelaties",
                        "radicalisering",
                    ]
                ),
            ),
            problem_areas=_problem_areas(
                n,
                rng.sample(
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
            ),
            cross_municipal=n % 6 == 1,
            person_informed=rng.random() > 0.15,
            not_informed_reason="Informeren brengt de veiligheid van het slachtoffer in gevaar.",
            urgency=rng.choice(["normaal", "normaal", "hoog", "acuut"]),
            registered_at=registered_at,
            # Before the Wgs (1 March 2025) no basis was asked: those show "onbekend".
            **(
                {}
                if registered_on < WGS_IN_FORCE
                else {
                    "legal_basis": bases[basis_of(organisation)],
                    "legal_purpose": "Beoordelen of procesregie nodig is",
                }
            ),
        )
        made += 1
        case.registration_notified_at = registered_at
        notified.append(case)
        if age_days <= 3:
            continue  # fresh registrations, not yet screened
        services.screen_case(case=case, screened_by=support, notes="Compleet.", complete=True)
        if liaison and rng.random() < 0.4:
            services.add_enrichment(
                case=case,
                legal_basis=bases["wpg"],
                purpose="Beoordelen of procesregie nodig is (ketenkamer)",
                added_by=liaison,
                text="Bekend bij politie: meerdere meldingen overlast.",
                shared_with=rng.choice(["zvhd", "team"]),
            )
        if age_days <= 10:
            continue  # on the agenda of the coming ketenkamer; a few are older than 5 days
        decided_on = registered_on + timedelta(days=rng.randint(3, 9))
        # Decided at the weekly ketenkamer on or after that day, once it was held: the
        # ketenkamer page lists the meetings and their decisions, not only the coming one.
        held = _held_ketenkamer(
            decided_on,
            registered_on=registered_on,
            today=today,
            held=ketenkamers,
            planned_by=support,
        )
        decided_on = held.date if held is not None else decided_on
        roll = rng.random()
        if roll < 0.08:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.NIET_OPGEPAKT,
                criteria=services.Criteria(True, False, False, True, False),
                reason="Geen meervoudige problematiek die ketensamenwerking vraagt.",
                referred_to="Sociaal wijkteam",
                ketenkamer=held,
                decided_on=decided_on,
            )
        elif roll < 0.14:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.ADVIES,
                criteria=services.Criteria(True, True, False, False, False),
                reason="Advies aan de aanmelder.",
                ketenkamer=held,
                decided_on=decided_on,
            )
        elif roll < 0.20:
            services.decide_triage(
                case=case,
                decided_by=regisseur,
                decision=Decision.ONDERSTEUNING,
                criteria=services.Criteria(True, True, True, False, False),
                reason="Regie blijft lokaal.",
                ketenkamer=held,
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
                guide=begeleider if n % 6 == 1 else None,
                ketenkamer=held,
                team_pool=team_pool,
                decided_on=decided_on,
                today=today,
                manager=manager,
                zvh=zvh,
                group=group if n % 41 == 0 else None,
                organisations=organisations,
                plans=plans,
            )
        moved += _date_transitions(case, registered_at, decided_on)
        if hasattr(case, "triage"):
            case.decision_notified_at = _at(case.triage.decided_on)
    plans.write()
    # Who sat at each ketenkamer held: director, support and the liaisons (the OM's liaison
    # missed one in four).
    officier = _user("liaison.om")
    for week, held in enumerate(sorted(ketenkamers.values(), key=lambda k: k.date)):
        seated = [regisseur, support, liaison, officier if week % 4 else None]
        services.record_attendance(
            ketenkamer=held,
            attendees=[user for user in seated if user is not None],
            notes="",
            recorded_by=support,
            expected_version=held.version,
        )
    # Not in the case's history (the tasks set them with an update as well).
    Case._base_manager.bulk_update(
        notified, ["registration_notified_at", "decision_notified_at"], batch_size=BATCH_SIZE
    )
    Transition.objects.bulk_update(moved, ["at"], batch_size=BATCH_SIZE)
    day = formats.short_date(ketenkamer.date)
    stdout.write(f"Casussen: {made} demo-casussen aangemaakt; ketenkamer op {day}.\n")


def _held_ketenkamer(
    day: date, *, registered_on: date, today: date, held: dict, planned_by
) -> Ketenkamer | None:
    """The weekly ketenkamer (Thursday, or the next working day after a holiday) on or after
    `day`, made once. When that one is still to come: the last one held, if the registration
    came in before it; else None."""
    from zvhd.holidays import working_day_on_or_after

    def thursday_from(start: date) -> date:
        return working_day_on_or_after(start + timedelta(days=(3 - start.weekday()) % 7))

    meeting_day = thursday_from(day)
    if meeting_day >= today:
        meeting_day = thursday_from(today - timedelta(days=7))
        if not registered_on < meeting_day < today:
            return None
    if meeting_day not in held:
        held[meeting_day] = services.plan_ketenkamer(date=meeting_day, planned_by=planned_by)
    return held[meeting_day]


def _past_action_status(drawn: str, action, today: date) -> str:
    """Most past actions are done; of the last two months' a few are still under way (and so
    overdue). None is "bezig" for years, as 21 of the demo's were."""
    return "gereed" if action.due_on < today - timedelta(days=60) else drawn


def _next_review(draw: int, *, decided_on: date, today: date) -> date:
    """The plan's next evaluation as a running case has it: set at the last evaluation, so
    mostly ahead (two days to eleven weeks), and for about one case in twenty one to four
    weeks past (issue 23: 69 of the director's 84 cases were overdue, some by years, because
    the date stayed at the first one, 90 days after the triage; then 10 of 79 with one in
    thirteen). `draw` is one die roll, 1-40; how late follows from the case's own dates, so
    the seed draws no more numbers than before and stays as it was everywhere else."""
    late = today - timedelta(days=5 + 7 * (decided_on.toordinal() % 4))
    if draw <= 2 and late > decided_on + timedelta(days=30):
        return late
    return today + timedelta(days=draw * 2)


def _direct(
    case,
    *,
    rng,
    director,
    support,
    guide,
    ketenkamer,
    team_pool,
    decided_on,
    today,
    manager,
    zvh,
    group,
    organisations,
    plans,
):
    services.decide_triage(
        case=case,
        decided_by=director,
        decision=Decision.MAATWERK if rng.random() < 0.65 else Decision.PGA,
        criteria=services.Criteria(True, True, True, True, rng.random() < 0.2),
        reason="Voldoet aan de criteria.",
        director=director,
        support=support,
        guide=guide,
        ketenkamer=ketenkamer,
        decided_on=decided_on,
    )
    for member in team_pool:
        # The police liaison sits on most case teams; a professional of one care organisation
        # on about one in seven (at 0.6 the demo's GGZ professional was on 52 running teams).
        if rng.random() < (0.6 if member.has_role(Role.LIAISON) else 0.15):
            plans.add_member(
                case=case, user=member, task="Ketenpartner", added_by=director, on=decided_on
            )
    running_days = (today - decided_on).days
    services.save_plan(
        case=case,
        saved_by=director,
        expected_version=None,
        summary="Gezamenlijke analyse: meerdere leefgebieden, zorg mijdend, risico op escalatie.",
        review_on=_next_review(rng.randint(1, 40), decided_on=decided_on, today=today),
    )
    for domain, text in rng.sample(GOALS, k=3):
        goal = plans.add_goal(
            case=case, added_by=director, life_domain=domain, description=text, on=decided_on
        )
    actions = []
    for m in range(min(3, 1 + running_days // 60)):
        meeting_day = min(decided_on + timedelta(days=14 + 45 * m), today)
        actions += plans.record_meeting(
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
    # In the order of the case's action list: due date, then as made.
    for action in sorted(actions, key=lambda a: a.due_on):
        if action.due_on < today - timedelta(days=10):
            plans.set_action_status(
                action=action,
                changed_by=director,
                status=_past_action_status(rng.choice(["gereed"] * 9 + ["bezig"]), action, today),
                on=min(action.due_on, today),
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


def _date_transitions(case, registered_at, decided_on) -> list[Transition]:
    """Move the transitions made 'now' back to the case's own time line (Transition has no
    history of its own, so a bulk update is allowed here). Returns them, to be written in one
    statement with the other cases'."""
    moments = list(case.transitions.order_by("pk").only("pk", "at"))
    for index, transition in enumerate(moments[1:], start=1):
        when = (
            registered_at + timedelta(days=2)
            if index == 1
            else timezone.make_aware(datetime.combine(decided_on, time(10)))
            + timedelta(days=(index - 2) * 30)
        )
        transition.at = min(when, timezone.now())
    return moments[1:]


# Demo reads for the privacy officer's access review (zvhd/privacy/demo_access.py).
UNINVOLVED_CASES = 27


def access_reads(calendar) -> list:
    """Reads of the demo cases: the director and support on their own cases, the manager on a
    few escalations; the trajectbegeleider opening 27 cases she has nothing to do with in three
    days (the last ten in the evening); a director on a Sunday evening and a police liaison on
    a Saturday night, outside office hours."""
    from itertools import cycle

    from cases.models import DIRECTION_STATUSES, TRIAGE_STATUSES, Case
    from zvhd.privacy.demo_access import DemoRead, demo_user

    at, workdays = calendar.at, calendar.workdays
    active = list(Case.objects.filter(status__in=DIRECTION_STATUSES).order_by("pk"))
    own = [c for c in active if c.director_id is not None]
    triage = list(Case.objects.filter(status__in=TRIAGE_STATUSES).order_by("pk"))
    # Cases the trajectbegeleider has nothing to do with: a mix of running and closed ones.
    begeleider = demo_user("begeleider")
    not_hers = list(
        Case.objects.exclude(guide=begeleider)
        .exclude(team__user=begeleider)
        .order_by("-registered_at", "pk")[:UNINVOLVED_CASES]
    )
    reads = []
    for i, (day, case) in enumerate(zip(cycle(workdays), own[:12], strict=False)):
        reads.append(DemoRead("regisseur", at(day, 9 + i % 7, 10 + 3 * i % 40), "office", case))
    for i, (day, case) in enumerate(zip(workdays[::2], own[12:18], strict=False)):
        reads.append(DemoRead("ondersteuner", at(day, 10 + i % 5, 5 + 7 * i % 50), "office", case))
    for i, case in enumerate(active[-4:]):
        reads.append(DemoRead("manager", at(workdays[-3], 15, 10 + 6 * i), "office", case))
    # Many records without involvement: 27 case summaries in three days, the last ten in the
    # evening.
    binge_days = [workdays[-5], workdays[-4], workdays[-2]]
    for i, case in enumerate(not_hers):
        if i < 17:
            moment = at(binge_days[i // 9], 10 + (i % 9) // 3, 4 + 17 * (i % 3))
            reads.append(DemoRead("begeleider", moment, "office", case))
        else:
            moment = at(binge_days[2], 19, 12 + 4 * (i - 17))
            reads.append(DemoRead("begeleider", moment, "home", case))
    # Outside office hours, for reasons that may well be fine: the review asks, not judges.
    sunday = calendar.last(6)
    for i, case in enumerate(own[:3]):
        reads.append(DemoRead("regisseur", at(sunday, 20, 41 + 9 * i), "home", case))
    if triage:
        reads.append(DemoRead("liaison.politie", at(calendar.last(5), 23, 17), "home", triage[0]))
    return reads
