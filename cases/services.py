"""All writes on cases (CONVENTIONS rule 4).

Every function is keyword-only, runs in one transaction, checks the life cycle against
`cases.models.TRANSITIONS`, records who/when/why (a `Transition` row plus simple-history with
the acting user), and enqueues notifications after the commit.

Other apps create registrations with `register_case(...)`, passing `origin` and `origin_url`
so the case says where it came from (advice, aftercare, trafficking).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from cases.models import (
    DECISION_STATUS,
    EXCHANGE_TOTALS,
    OPEN_STATUSES,
    TRANSITIONS,
    Action,
    ActionStatus,
    Case,
    CaseGroup,
    CaseMeeting,
    CaseNumberSequence,
    CaseProblemArea,
    CaseSettings,
    Closing,
    ClosingReason,
    ClosingStatus,
    ConflictCopy,
    Decision,
    Enrichment,
    Escalation,
    Goal,
    Ketenkamer,
    Kind,
    LegalBasis,
    Person,
    Plan,
    RelatedPerson,
    Status,
    TeamMember,
    Transition,
    TriageDecision,
    qualifies,
)
from inbox import kinds, recipients
from inbox.services import is_muted, notify
from zvhd import formats, terms
from zvhd.batch import BATCH_SIZE, clean_without_queries
from zvhd.jobs import enqueue_on_commit
from zvhd.meetings import services as meetings
from zvhd.network.models import Municipality, Organisation, User, Vocabulary
from zvhd.permissions import grant, revoke
from zvhd.privacy.retention import is_destroyed
from zvhd.querycache import forget_namespace
from zvhd.versions import EditConflict, claim_version


class TransitionNotAllowed(ValidationError):
    pass


class CaseClosed(ValidationError):
    """A write on a closed case: only reopening is allowed (issue 19 part 4)."""


CLOSED_MESSAGE = _(
    "Deze casus is afgesloten en kan niet meer worden gewijzigd. Heropen de casus om er "
    "verder aan te werken."
)


def ensure_open(case: Case) -> None:
    """Refuse every write on a case that is no longer open (closed, or decided without
    direction): the one check all writing services make, so no view can forget it."""
    # The stored status, not the one in memory: the case may have closed since it was read
    # (a form opened before the closing, an escalation object holding an older case).
    status = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
    if status not in OPEN_STATUSES:
        raise CaseClosed(str(CLOSED_MESSAGE), code="closed")


def _notify(kind: str, *, case: Case, **context) -> None:
    """The closing's steps in the inbox: a proposal goes to the managers (one of whom
    approves), the decision back to who proposed it. Called inside the writing service's
    transaction, like `notify` itself."""
    closing = context.get("closing")
    by = context.get("by")
    if kind == "closing_proposed":
        notify(kinds.CLOSING_APPROVAL, recipients.managers(), case=case, actor=by)
    elif kind in ("closing_approved", "closing_refused") and closing is not None:
        notify(
            kinds.CLOSING_DECIDED,
            recipients.people(getattr(closing, "proposed_by", None)),
            case=case,
            actor=by,
        )


# ---------------------------------------------------------------------------------------------
# Case numbers


def next_case_number(year: int) -> str:
    """`YYYY-NNNN`, unique even when two registrations are saved at the same moment.

    One INSERT ... ON CONFLICT DO UPDATE SET last = last + 1 (`reserve_case_numbers` for one
    number): the database serialises it per year's row, and the first number of a year
    creates the row, also when two registrations race for it.
    """
    return reserve_case_numbers({year: 1})[year][0]


def format_case_number(year: int, serial: int) -> str:
    """The house format of a case number: `YYYY-NNNN` (more digits after 9999)."""
    return f"{year}-{serial:04d}"


def reserve_case_numbers(counts: Mapping[int, int]) -> dict[int, list[str]]:
    """`counts[year]` consecutive case numbers per year, for an import, in one statement.

    One INSERT ... ON CONFLICT DO UPDATE SET last = last + n moves every year's counter at
    once (creating the row of a year that has none). `next_case_number` takes the same row
    lock, so a registration at the same moment waits until the import's transaction ends
    and then numbers on after the block: no number is handed out twice, and a rolled-back
    import leaves no gap. The years go in ascending order, so two imports lock the counter
    rows in the same order and cannot deadlock.
    """
    years = sorted(year for year, n in counts.items() if n > 0)
    if not years:
        return {}
    quote = connection.ops.quote_name
    table = quote(CaseNumberSequence._meta.db_table)
    year_column = quote(CaseNumberSequence._meta.get_field("year").column)
    last_column = quote(CaseNumberSequence._meta.get_field("last").column)
    values = ", ".join(["(%s, %s)"] * len(years))
    # Only the model's own table and column names are put in the text; values are parameters.
    sql = (
        f"INSERT INTO {table} ({year_column}, {last_column}) VALUES {values} "  # noqa: S608
        f"ON CONFLICT ({year_column}) DO UPDATE "
        f"SET {last_column} = {table}.{last_column} + EXCLUDED.{last_column} "
        f"RETURNING {year_column}, {last_column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for year in years for value in (year, counts[year])])
        lasts = dict(cursor.fetchall())
    return {
        year: [
            format_case_number(year, serial) for serial in range(last - counts[year] + 1, last + 1)
        ]
        for year, last in sorted(lasts.items())
    }


# ---------------------------------------------------------------------------------------------
# Transitions


def _move(*, case: Case, to: str, by: User, reason: str = "", at=None) -> Transition:
    """The only place that changes `case.status`: refuses what TRANSITIONS does not allow."""
    if to not in TRANSITIONS.get(case.status, set()):
        raise TransitionNotAllowed(
            _("Van %(from)s naar %(to)s is geen toegestane stap in de levensloop van een casus.")
            % {"from": Status(case.status).label, "to": Status(to).label},
            code="transition",
        )
    transition = Transition.objects.create(
        case=case,
        from_status=case.status,
        to_status=to,
        by=by,
        reason=reason,
        at=at or timezone.now(),
    )
    case.status = to
    return transition


def _save(case: Case, by: User) -> None:
    """Every change of a registered case: checked in memory, then saved with its history row.

    Not `full_clean()`: on a case it asked the database whether each of its foreign keys
    still exists and whether the close date passes the CHECK constraint, about eight round
    trips on every transition (issue 24: the demo's case seed 29 -> 23 s without them,
    BENCHMARKS.md). The services state that rule with their own message ("niet sluiten vóór
    de start"), a related record is one they loaded, and the database refuses a vanished one
    or a closing before the start on write (`zvhd.batch.clean_without_queries`).
    `register_case` checks a new registration the same way."""
    case._history_user = by
    case.version = (case.version or 0) + 1
    clean_without_queries(case, exclude=["person", "number", "invited_organisations"])
    case.save()


# ---------------------------------------------------------------------------------------------
# Intake


def find_known_cases(*, bsn: str = "", last_name: str = "", birth_date: date | None = None):
    """Cases of a person already known, by BSN or by name and birth date (duplicate check).

    Callers show the result only to ZVHD staff (cases.policy.DUPLICATE_CHECK_ROLES).
    """
    from django.db.models import Q

    condition = Q(pk__in=[])
    if bsn:
        condition |= Q(person__bsn=bsn)
    if last_name and birth_date:
        condition |= Q(person__last_name__iexact=last_name, person__birth_date=birth_date)
    return Case.objects.filter(condition).select_related("person", "director").order_by("-id")


def _register_person(person: Person, by: User):
    """The case's person in the shared register (persons.services: same BSN, or same name and
    birth date without BSN, is the same register person)."""
    from persons.services import register_person

    return register_person(
        first_name=person.first_name,
        last_name=person.last_name,
        birth_date=person.birth_date,
        bsn=person.bsn,
        gender=person.gender,
        address={
            "address": person.address,
            "postcode": person.postcode,
            "city": person.city,
            "municipality": person.municipality if person.municipality_id else None,
        },
        by=by,
    )


@transaction.atomic
def register_case(
    *,
    registered_by: User,
    registering_organisation: Organisation,
    registrant_name: str,
    registrant_email: str,
    municipality: Municipality,
    person: dict | Person,
    reason: str,
    desired_outcome: str,
    topic: str,
    problem_areas: Iterable[str],
    person_informed: bool,
    not_informed_reason: str = "",
    urgency: str = "normaal",
    registrant_phone: str = "",
    municipal_domain: str = "",
    invited_organisations: Iterable[Organisation] = (),
    related_persons: Iterable[dict] = (),
    origin: str = "",
    origin_url: str = "",
    registered_at=None,
    cross_municipal: bool | None = None,
    legal_basis: LegalBasis | None = None,
    legal_purpose: str = "",
) -> Case:
    """A new registration (*aanmelding*), in status aangemeld, with a fresh case number.

    `legal_basis` and `legal_purpose`: under which basis and for what the partner provides it
    (the form and the API require both; a registration another app makes for ZVHD itself may
    leave them empty, shown as "onbekend")."""
    if not person_informed and not not_informed_reason.strip():
        raise ValidationError(
            {"not_informed_reason": _("Geef aan waarom de betrokkene niet is geïnformeerd.")}
        )
    choice_errors = {}
    if not terms.is_choosable(Vocabulary.AANDACHTSGEBIED, topic):
        choice_errors["topic"] = _("Kies een aandachtsgebied uit de lijst.")
    problem_areas = sorted(set(problem_areas))
    if not all(terms.is_choosable(Vocabulary.PROBLEEMGEBIED, code) for code in problem_areas):
        choice_errors["problem_areas"] = _("Kies de probleemgebieden uit de lijst.")
    if choice_errors:
        raise ValidationError(choice_errors)
    if isinstance(person, dict):
        person = Person(**person)
        person._history_user = registered_by
        # Every bad field at once, before the register is asked; the municipality is one the
        # caller loaded (zvhd.batch.clean_without_queries).
        clean_without_queries(person)
        person.registered_person = _register_person(person, registered_by)
        person.save()
    elif person.registered_person_id is None and person.pk:
        person.registered_person = _register_person(person, registered_by)
        person._history_user = registered_by
        person.save(update_fields=["registered_person"])
    registered_at = registered_at or timezone.now()
    case = Case(
        number=next_case_number(timezone.localtime(registered_at).year),
        person=person,
        status=Status.AANGEMELD,
        registering_organisation=registering_organisation,
        registered_by=registered_by,
        registrant_name=registrant_name,
        registrant_email=registrant_email,
        registrant_phone=registrant_phone,
        municipal_domain=municipal_domain,
        municipality=municipality,
        reason=reason,
        desired_outcome=desired_outcome,
        topic=topic,
        person_informed=person_informed,
        not_informed_reason=not_informed_reason,
        urgency=urgency,
        origin=origin,
        origin_url=origin_url,
        registered_at=registered_at,
        cross_municipal=cross_municipal,
        legal_basis=legal_basis,
        legal_purpose=legal_purpose,
    )
    case._history_user = registered_by
    # As `_save`: every field and the model's rules in memory; the organisation, user,
    # municipality and basis are records the caller loaded, and the number is the sequence's
    # (the database refuses a vanished record or a duplicate number all the same).
    clean_without_queries(case, exclude=["person"])
    case.save()
    invited_organisations = list(invited_organisations)
    if invited_organisations:
        case.invited_organisations.add(*invited_organisations)
    bulk_create_with_history(
        [CaseProblemArea(case=case, code=code) for code in problem_areas],
        CaseProblemArea,
        default_user=registered_by,
    )
    for item in related_persons:
        related = RelatedPerson(case=case, **item)
        related._history_user = registered_by
        related.full_clean()
        related.save()
    Transition.objects.create(
        case=case,
        from_status="",
        to_status=Status.AANGEMELD,
        by=registered_by,
        reason=origin or _("Aanmelding ontvangen"),
        at=registered_at,
    )
    if not is_muted():  # history written in bulk (the demo's past years) tells nobody
        enqueue_on_commit("cases.tasks.notify_new_registration", case.pk)
    return case


@transaction.atomic
def screen_case(*, case: Case, screened_by: User, notes: str, complete: bool) -> Case:
    """Support checks completeness: complete registrations go on the ketenkamer agenda."""
    ensure_open(case)
    case.screening_notes = notes
    if complete and case.status == Status.AANGEMELD:
        _move(case=case, to=Status.IN_TRIAGE, by=screened_by, reason=notes or _("Compleet"))
    elif not complete and case.status == Status.IN_TRIAGE:
        _move(case=case, to=Status.AANGEMELD, by=screened_by, reason=notes)
    _save(case, screened_by)
    return case


@transaction.atomic
def add_enrichment(
    *,
    case: Case,
    added_by: User,
    text: str,
    shared_with: str,
    legal_basis: LegalBasis | None,
    purpose: str,
    source_organisation=None,
) -> Enrichment:
    """What the source organisation knows, with the legal basis it provides it under and the
    purpose (both required: an exchange without a basis is not recorded)."""
    errors = {}
    if legal_basis is None:
        errors["legal_basis"] = _("Kies de grondslag waaronder u deze gegevens verstrekt.")
    elif not legal_basis.active:
        errors["legal_basis"] = _("Deze grondslag is niet meer in gebruik; kies een andere.")
    if not (purpose or "").strip():
        errors["purpose"] = _("Geef aan met welk doel u deze gegevens verstrekt.")
    if errors:
        raise ValidationError(errors)
    ensure_open(case)
    item = Enrichment(
        case=case,
        source_organisation=source_organisation or added_by.organisation,
        text=text,
        shared_with=shared_with,
        legal_basis=legal_basis,
        purpose=purpose.strip(),
        added_by=added_by,
    )
    item._history_user = added_by
    item.full_clean()
    item.save()
    # "A new enrichment on my case": the case's director, support and guide.
    notify(
        kinds.ENRICHMENT_ADDED,
        recipients.people(case.director, case.support, case.guide),
        case=case,
        target=item,
        actor=added_by,
    )
    return item


# ---------------------------------------------------------------------------------------------
# Ketenkamer


@transaction.atomic
def plan_ketenkamer(*, date: date, planned_by: User) -> Ketenkamer:
    ketenkamer, _created = Ketenkamer.objects.get_or_create(date=date)
    return ketenkamer


def record_attendance(
    *,
    ketenkamer: Ketenkamer,
    attendees: Iterable[User],
    notes: str,
    recorded_by: User,
    expected_version: int | None = None,
) -> Ketenkamer:
    """Who was there: the meeting kernel's attendance, as at every table. `expected_version`
    is the version the form was opened on (a stale save is refused with EditConflict)."""
    return meetings.record_attendance(
        meeting=ketenkamer,
        recorded_by=recorded_by,
        expected_version=expected_version,
        attendees=attendees,
        other_attendees=notes,
    )


@dataclass
class Criteria:
    multiple_problems: bool = False
    crime_or_decline: bool = False
    chains: bool = False
    system: bool = False
    local_safety: bool = False

    @property
    def qualifies(self) -> bool:
        return qualifies(
            self.multiple_problems,
            self.crime_or_decline,
            self.chains,
            self.system,
            self.local_safety,
        )


def ketenkamer_not_held_message(ketenkamer: Ketenkamer) -> str:
    """Why no decision can be recorded for a ketenkamer that has not met yet."""
    return _(
        "De ketenkamer van %(date)s is nog niet geweest. Leg het besluit vast op of na de "
        "dag van de ketenkamer."
    ) % {"date": formats.long_date(ketenkamer.date)}


@transaction.atomic
def decide_triage(
    *,
    case: Case,
    decided_by: User,
    decision: str,
    criteria: Criteria | None,
    reason: str = "",
    referred_to: str = "",
    ketenkamer: Ketenkamer | None = None,
    director: User | None = None,
    support: User | None = None,
    guide: User | None = None,
    decided_on: date | None = None,
) -> TriageDecision:
    """The ketenkamer's decision. Direction needs the five criteria and a qualifying outcome.

    Decided on the day of the ketenkamer it belongs to, not the day it is typed in (minutes
    are often recorded days later, and the lead times of the figures count to the decision);
    without a ketenkamer, today, unless `decided_on` says otherwise."""
    if decided_on is None:
        decided_on = ketenkamer.date if ketenkamer is not None else timezone.localdate()
    errors = {}
    direction = decision in (Decision.MAATWERK, Decision.PGA)
    if decision != Decision.INGETROKKEN and criteria is None:
        errors["criteria"] = _("Beoordeel eerst de vijf criteria.")
    if direction and criteria is not None and not criteria.qualifies:
        errors["criteria"] = _(
            "Procesregie kan alleen als criteria 1 tot en met 4 alle gelden, of criterium 5."
        )
    if direction and director is None:
        errors["director"] = _("Wijs een procesregisseur aan.")
    if decision == Decision.NIET_OPGEPAKT:
        if not reason.strip():
            errors["reason"] = _("Geef de reden waarom de aanmelding niet is opgepakt.")
        if not referred_to.strip():
            errors["referred_to"] = _("Geef aan naar wie is doorverwezen.")
    if case.status == Status.AANGEMELD and decision != Decision.INGETROKKEN:
        errors["decision"] = _("De aanmelding is nog niet gescreend en staat niet op de agenda.")
    if decided_on < timezone.localtime(case.registered_at).date():
        errors["decided_on"] = _("Het besluit kan niet vóór de aanmelding liggen.")
    if ketenkamer is not None and ketenkamer.planned:
        errors["ketenkamer"] = ketenkamer_not_held_message(ketenkamer)
    if errors:
        raise ValidationError(errors)
    c = criteria or Criteria()
    triage, _created = TriageDecision.objects.update_or_create(
        case=case,
        defaults={
            "ketenkamer": ketenkamer,
            "criterion_multiple_problems": c.multiple_problems,
            "criterion_crime_or_decline": c.crime_or_decline,
            "criterion_chains": c.chains,
            "criterion_system": c.system,
            "criterion_local_safety": c.local_safety,
            "criteria_assessed": criteria is not None,
            "decision": decision,
            "reason": reason,
            "referred_to": referred_to,
            "decided_by": decided_by,
            "decided_on": decided_on,
        },
    )
    _move(
        case=case,
        to=DECISION_STATUS[decision],
        by=decided_by,
        reason=f"{Decision(decision).label}. {reason}".strip(),
    )
    case.triaged_on = decided_on
    if direction:
        case.kind = Kind.MAATWERK if decision == Decision.MAATWERK else Kind.PGA
        case.started_on = decided_on
        case.director, case.support, case.guide = director, support, guide
    _save(case, decided_by)
    if not is_muted():
        enqueue_on_commit("cases.tasks.notify_triage_decision", case.pk)
    # "A triage decision on my registration": the professional who registered it (the
    # registrant's e-mail address above may be someone without an account).
    notify(kinds.TRIAGE_DECISION, [case.registered_by], case=case, actor=decided_by)
    return triage


@transaction.atomic
def withdraw_case(*, case: Case, withdrawn_by: User, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van intrekken.")})
    _move(case=case, to=Status.INGETROKKEN, by=withdrawn_by, reason=reason)
    case.triaged_on = case.triaged_on or timezone.localdate()
    _save(case, withdrawn_by)
    return case


# ---------------------------------------------------------------------------------------------
# Direction


def _keep_conflict(*, case, what, data, version, by) -> ConflictCopy:
    return ConflictCopy.objects.create(
        case=case, what=what, data=data, based_on_version=version, saved_by=by
    )


def update_case_people(**kwargs) -> Case:
    """Change who works on the case and its review date; refuses a stale version.

    The refused version is kept (ConflictCopy) after the transaction, so it survives the
    rollback of the refused save.
    """
    result = _update_case_people(**kwargs)
    if isinstance(result, _Stale):
        raise EditConflict(
            current=result.current,
            expected=result.copy["version"],
            copy=_keep_conflict(**result.copy),
        )
    return result


@dataclass
class _Stale:
    current: object
    copy: dict


@transaction.atomic
def _update_case_people(
    *,
    case: Case,
    changed_by: User,
    expected_version: int,
    director: User | None,
    support: User | None,
    guide: User | None,
    review_on: date | None,
) -> Case:
    current = Case.objects.select_for_update().get(pk=case.pk)
    ensure_open(current)
    if current.version != expected_version:
        return _Stale(
            current=current,
            copy={
                "case": current,
                "what": "case",
                "data": {
                    "director": str(director or ""),
                    "support": str(support or ""),
                    "guide": str(guide or ""),
                    "review_on": review_on.isoformat() if review_on else "",
                },
                "version": expected_version,
                "by": changed_by,
            },
        )
    if current.in_direction and director is None:
        raise ValidationError({"director": _("Een casus in procesregie heeft een regisseur.")})
    current.director, current.support, current.guide = director, support, guide
    current.review_on = review_on
    _save(current, changed_by)
    return current


def save_plan(**kwargs) -> Plan:
    """Create or update the integral plan. A save based on an older version is refused and
    kept as a ConflictCopy (after the rollback), so both versions are there to merge."""
    result = _save_plan(**kwargs)
    if isinstance(result, _Stale):
        raise EditConflict(
            current=result.current,
            expected=result.copy["version"],
            copy=_keep_conflict(**result.copy),
        )
    return result


@transaction.atomic
def _save_plan(
    *,
    case: Case,
    saved_by: User,
    summary: str,
    review_on: date | None,
    expected_version: int | None,
):
    ensure_open(case)
    if not case.in_direction:
        raise TransitionNotAllowed(_("Alleen een actieve casus heeft een plan van aanpak."))
    if review_on and case.started_on and review_on < case.started_on:
        raise ValidationError({"review_on": _("De evaluatiedatum ligt vóór de start.")})
    plan = Plan.objects.select_for_update().filter(case=case).first()
    if plan is None:
        plan = Plan(case=case, summary=summary, review_on=review_on, updated_by=saved_by)
    else:
        if expected_version is not None and plan.version != expected_version:
            return _Stale(
                current=plan,
                copy={
                    "case": case,
                    "what": "plan",
                    "data": {
                        "summary": summary,
                        "review_on": review_on.isoformat() if review_on else "",
                    },
                    "version": expected_version,
                    "by": saved_by,
                },
            )
        plan.summary, plan.review_on = summary, review_on
        plan.version += 1
        plan.updated_by = saved_by
    plan._history_user = saved_by
    # The case's one plan was looked up (locked) above, and the case and user are loaded.
    clean_without_queries(plan)
    plan.save()
    if review_on != case.review_on:
        case.review_on = review_on
        case.review_reminded_for = None
        _save(case, saved_by)
    return plan


@transaction.atomic
def add_goal(*, case: Case, added_by: User, life_domain: str, description: str) -> Goal:
    ensure_open(case)
    goal = Goal(case=case, life_domain=life_domain, description=description)
    goal._history_user = added_by
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def add_action(
    *,
    case: Case,
    added_by: User,
    description: str,
    owner_organisation: Organisation,
    due_on: date,
    owner: User | None = None,
    goal: Goal | None = None,
    meeting: CaseMeeting | None = None,
) -> Action:
    ensure_open(case)
    action = Action(
        case=case,
        description=description,
        owner_organisation=owner_organisation,
        owner=owner,
        due_on=due_on,
        goal=goal,
        meeting=meeting,
    )
    action._history_user = added_by
    action.full_clean()
    action.save()
    notify(
        kinds.ACTION_ASSIGNED,
        action_recipients(action),
        case=case,
        target=action,
        actor=added_by,
    )
    return action


def action_recipients(action: Action) -> list[User]:
    """ "Assigned to me or my organisation": the owner, or else the owner organisation's
    people (notify keeps those of them who may see the action)."""
    if action.owner_id:
        return [action.owner]
    return recipients.of_organisation(action.owner_organisation)


@transaction.atomic
def set_action_status(*, action: Action, changed_by: User, status: str) -> Action:
    ensure_open(Case(pk=action.case_id))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    action.status = status
    action._history_user = changed_by
    action.save()
    return action


TEAM_PERMISSION = "cases.view_case"


@transaction.atomic
def add_team_member(*, case: Case, user: User, task: str, added_by: User) -> TeamMember:
    """The professional gets access to this case (and only this one) through cases.policy."""
    ensure_open(case)
    if user.organisation_id is None:
        raise ValidationError({"user": _("Deze professional hoort niet bij een organisatie.")})
    member = TeamMember.objects.filter(case=case, user=user).first()
    created = False
    if member is None:
        # Saved with who added them, so the history (and the timeline) can say so.
        member = TeamMember(case=case, user=user, organisation=user.organisation, task=task)
        member._history_user = added_by
        try:
            with transaction.atomic():
                member.save()
            created = True
        except IntegrityError:  # added at the same moment by someone else
            member = TeamMember.objects.get(case=case, user=user)
    grant(user, TEAM_PERMISSION, case)
    if created:
        notify(kinds.TEAM_ADDED, [user], case=case, actor=added_by)
    return member


@transaction.atomic
def remove_team_member(*, member: TeamMember, removed_by: User) -> None:
    """The professional loses access to the case with their place in the team."""
    ensure_open(Case(pk=member.case_id))
    revoke(member.user, TEAM_PERMISSION, member.case)
    member._history_user = removed_by
    member.delete()


@transaction.atomic
def record_meeting(
    *,
    case: Case,
    recorded_by: User,
    date: date,
    attendees: Iterable[User] = (),
    other_attendees: str = "",
    notes: str = "",
    decisions: str = "",
    actions: Iterable[dict] = (),
) -> CaseMeeting:
    """A *maatwerkoverleg* with the actions it agreed."""
    ensure_open(case)
    if case.started_on and date < case.started_on:
        raise ValidationError({"date": _("Het overleg kan niet vóór de start van de procesregie.")})
    meeting = CaseMeeting(
        case=case,
        date=date,
        other_attendees=other_attendees,
        notes=notes,
        decisions=decisions,
        created_by=recorded_by,
    )
    meeting._history_user = recorded_by
    meeting.full_clean()
    meeting.save()
    meeting.attendees.set(attendees)
    for item in actions:
        add_action(case=case, added_by=recorded_by, meeting=meeting, **item)
    return meeting


@transaction.atomic
def escalate_case(
    *,
    case: Case,
    escalated_by: User,
    level: str,
    reason: str,
    escalated_to: str,
    escalated_on: date | None = None,
) -> Escalation:
    ensure_open(case)
    escalation = Escalation(
        case=case,
        level=level,
        reason=reason,
        escalated_to=escalated_to,
        escalated_on=escalated_on or timezone.localdate(),
        escalated_by=escalated_by,
    )
    escalation._history_user = escalated_by
    escalation.full_clean()
    _move(case=case, to=Status.OPGESCHAALD, by=escalated_by, reason=reason)
    escalation.save()
    _save(case, escalated_by)
    # "An escalation (to the manager)".
    notify(
        kinds.ESCALATION, recipients.managers(), case=case, target=escalation, actor=escalated_by
    )
    return escalation


@transaction.atomic
def resolve_escalation(
    *, escalation: Escalation, resolved_by: User, outcome: str, resolved_on: date | None = None
) -> Escalation:
    ensure_open(Case(pk=escalation.case_id))
    if not outcome.strip():
        raise ValidationError({"outcome": _("Beschrijf de uitkomst van de opschaling.")})
    resolved_on = resolved_on or timezone.localdate()
    if resolved_on < escalation.escalated_on:
        raise ValidationError({"resolved_on": _("De afronding ligt vóór de opschaling.")})
    escalation.outcome, escalation.resolved_on = outcome, resolved_on
    escalation._history_user = resolved_by
    escalation.save()
    case = escalation.case
    if case.status == Status.OPGESCHAALD:
        _move(case=case, to=Status.ACTIEF, by=resolved_by, reason=outcome)
        _save(case, resolved_by)
    return escalation


@transaction.atomic
def close_case(
    *,
    case: Case,
    closed_by: User,
    reason: str,
    note: str = "",
    closed_on: date | None = None,
    handed_over_to: Organisation | None = None,
) -> Case:
    """Close (afschalen/afsluiten) with a reason of DOMAIN.md; a move hands over to another ZVH."""
    closed_on = closed_on or timezone.localdate()
    errors = {}
    if not terms.is_choosable(Vocabulary.AFSLUITREDEN, reason):
        errors["reason"] = _("Kies een reden van afsluiten.")
    start = case.started_on or timezone.localtime(case.registered_at).date()
    if closed_on < start:
        errors["closed_on"] = _("De casus kan niet sluiten vóór de start (%(start)s).") % {
            "start": formats.short_date(start)
        }
    if closed_on > timezone.localdate():
        errors["closed_on"] = _("De afsluitdatum ligt in de toekomst.")
    if reason == ClosingReason.MOVED and handed_over_to is None:
        errors["handed_over_to"] = _("Kies het Zorg- en Veiligheidshuis dat de casus overneemt.")
    if errors:
        raise ValidationError(errors)
    _move(
        case=case,
        to=Status.AFGESLOTEN,
        by=closed_by,
        reason=f"{terms.label(Vocabulary.AFSLUITREDEN, reason)}. {note}".strip(),
    )
    case.closing_reason = reason
    case.closed_on = closed_on
    case.handed_over_to = handed_over_to if reason == ClosingReason.MOVED else None
    # A closed case has no review ahead: the date goes (the reminder task skips it anyway).
    case.review_on = None
    _save(case, closed_by)
    return case


def closing_needs_approval(case: Case) -> bool:
    """The organisation's setting: a maatwerk case closes only with a manager's approval."""
    return case.kind == Kind.MAATWERK and CaseSettings.current().closing_needs_approval


def _closing_note(closing: Closing) -> str:
    """The reason the history (transition) keeps: the closing reason's note, and what was
    consciously left open with why."""
    parts = [closing.note.strip()]
    if closing.open_items:
        parts.append(
            _("Afgesloten met %(n)s open punt(en): %(why)s")
            % {"n": len(closing.open_items), "why": closing.open_items_reason.strip()}
        )
    return " ".join(p for p in parts if p)


@transaction.atomic
def request_closing(
    *,
    case: Case,
    requested_by: User,
    reason: str,
    closed_on: date | None = None,
    handed_over_to: Organisation | None = None,
    note: str = "",
    open_items_reason: str = "",
) -> Closing:
    """The closing page: close now, or propose closing to a manager when the organisation
    wants approval for maatwerk cases (`CaseSettings.closing_needs_approval`).

    Whatever is still open (`cases.closing.open_items`) must be resolved first or closed
    consciously with a reason; both the list and the reason are kept on the `Closing` row and
    in the transition's reason, so the history and the timeline show them.
    """
    from cases.closing import open_items

    case = Case.objects.select_for_update().get(pk=case.pk)
    if Status.AFGESLOTEN not in TRANSITIONS.get(case.status, set()):
        raise TransitionNotAllowed(
            _("Een casus met de status %(status)s kan niet worden afgesloten.")
            % {"status": Status(case.status).label},
            code="transition",
        )
    if case.closings.filter(status=ClosingStatus.PROPOSED).exists():
        raise ValidationError(
            _("Er ligt al een voorstel tot afsluiten bij de manager."), code="pending"
        )
    closed_on = closed_on or timezone.localdate()
    items = [str(item) for item in open_items(case)]
    errors = {}
    if items and not open_items_reason.strip():
        errors["open_items_reason"] = _(
            "Er staan nog %(n)s punten open. Werk ze eerst af, of leg uit waarom u de casus "
            "toch afsluit."
        ) % {"n": len(items)}
    if reason not in ClosingReason.values:
        errors["reason"] = _("Kies een reden van afsluiten.")
    if reason == ClosingReason.MOVED and handed_over_to is None:
        errors["handed_over_to"] = _("Kies het Zorg- en Veiligheidshuis dat de casus overneemt.")
    start = case.started_on or timezone.localtime(case.registered_at).date()
    if closed_on < start:
        errors["closed_on"] = _("De casus kan niet sluiten vóór de start (%(start)s).") % {
            "start": formats.short_date(start)
        }
    if closed_on > timezone.localdate():
        errors["closed_on"] = _("De afsluitdatum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    approval = closing_needs_approval(case)
    closing = Closing(
        case=case,
        status=ClosingStatus.PROPOSED if approval else ClosingStatus.CLOSED,
        reason=reason,
        closed_on=closed_on,
        handed_over_to=handed_over_to if reason == ClosingReason.MOVED else None,
        note=note,
        open_items=items,
        open_items_reason=open_items_reason if items else "",
        proposed_by=requested_by,
    )
    closing._history_user = requested_by
    closing.full_clean()
    closing.save()
    if approval:
        _notify("closing_proposed", case=case, closing=closing, by=requested_by)
        return closing
    close_case(
        case=case,
        closed_by=requested_by,
        reason=reason,
        note=_closing_note(closing),
        closed_on=closed_on,
        handed_over_to=closing.handed_over_to,
    )
    return closing


def _locked_proposal(closing: Closing) -> Closing:
    closing = Closing.objects.select_for_update().select_related("case").get(pk=closing.pk)
    if closing.status != ClosingStatus.PROPOSED:
        raise ValidationError(
            _("Over dit voorstel is al besloten (%(status)s).")
            % {"status": closing.get_status_display().lower()},
            code="decided",
        )
    return closing


def _check_approver(closing: Closing, user: User) -> None:
    from cases.models import CLOSING_APPROVER_ROLES

    if not user.has_role(*CLOSING_APPROVER_ROLES):
        raise ValidationError(_("Alleen een manager beoordeelt een voorstel tot afsluiten."))
    if closing.proposed_by_id == user.pk:
        raise ValidationError(
            _(
                "U heeft dit afsluiten zelf voorgesteld. Een andere manager moet het beoordelen "
                "(vier-ogenprincipe)."
            ),
            code="four_eyes",
        )


@transaction.atomic
def approve_closing(*, closing: Closing, approved_by: User, note: str = "") -> Closing:
    """A manager who did not propose it approves: the case closes on the proposed date."""
    closing = _locked_proposal(closing)
    _check_approver(closing, approved_by)
    case = Case.objects.select_for_update().get(pk=closing.case_id)
    closing.status = ClosingStatus.APPROVED
    closing.decided_by, closing.decided_at = approved_by, timezone.now()
    closing.decision_note = note
    closing._history_user = approved_by
    closing.full_clean()
    closing.save()
    why = _closing_note(closing)
    approved = _("Goedgekeurd door %(who)s (voorgesteld door %(by)s).") % {
        "who": approved_by,
        "by": closing.proposed_by,
    }
    close_case(
        case=case,
        closed_by=approved_by,
        reason=closing.reason,
        note=f"{why} {approved}".strip(),
        closed_on=closing.closed_on,
        handed_over_to=closing.handed_over_to,
    )
    _notify("closing_approved", case=case, closing=closing, by=approved_by)
    return closing


@transaction.atomic
def refuse_closing(*, closing: Closing, refused_by: User, note: str) -> Closing:
    """A manager who did not propose it refuses, with a reason; the case stays open."""
    closing = _locked_proposal(closing)
    _check_approver(closing, refused_by)
    if not note.strip():
        raise ValidationError({"note": _("Geef aan waarom u het afsluiten afwijst.")})
    closing.status = ClosingStatus.REFUSED
    closing.decided_by, closing.decided_at = refused_by, timezone.now()
    closing.decision_note = note
    closing._history_user = refused_by
    closing.full_clean()
    closing.save()
    _notify("closing_refused", case=closing.case, closing=closing, by=refused_by)
    return closing


@transaction.atomic
def save_case_settings(
    *, changed_by: User, closing_needs_approval: bool, expected_version: int | None = None
) -> CaseSettings:
    """The functioneel beheerder's choices for cases (one row, versioned, with history)."""
    row = CaseSettings.current()  # made before it is locked when there is none yet
    claim_version(row, expected_version=expected_version)
    row.closing_needs_approval = closing_needs_approval
    row._history_user = changed_by
    row.save()
    return row


@transaction.atomic
def reopen_case(*, case: Case, reopened_by: User, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van heropenen.")})
    if is_destroyed(case):
        raise ValidationError(
            _(
                "Deze casus is na afloop van de bewaartermijn vernietigd en kan niet worden "
                "heropend. Meld de betrokkene zo nodig opnieuw aan."
            )
        )
    _move(case=case, to=Status.ACTIEF, by=reopened_by, reason=_("Heropend: %s") % reason)
    case.closed_on = None
    case.closing_reason = ""
    case.handed_over_to = None
    if not case.kind:
        case.kind = Kind.MAATWERK
    if not case.started_on:
        case.started_on = timezone.localdate()
    _save(case, reopened_by)
    return case


@transaction.atomic
def create_group(
    *, name: str, director: User, created_by: User, description: str = "", plan: str = ""
) -> CaseGroup:
    group = CaseGroup(name=name, director=director, description=description, plan=plan)
    group._history_user = created_by
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def save_group_plan(
    *,
    group: CaseGroup,
    saved_by: User,
    plan: str,
    description: str,
    expected_version: int | None = None,
) -> CaseGroup:
    """The group's plan; a save on an older version than stored is refused (EditConflict)."""
    claim_version(group, expected_version=expected_version)
    group.plan, group.description = plan, description
    group._history_user = saved_by
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def link_to_group(*, case: Case, group: CaseGroup | None, linked_by: User) -> Case:
    ensure_open(case)
    case.group = group
    _save(case, linked_by)
    return case


# ---------------------------------------------------------------------------------------------
# Import from the previous system (issue 9)

IMPORTED = "geïmporteerd"  # the history reason of every record an import makes


@dataclass
class HistoricCase:
    """One case of the previous system, checked and built but not saved yet."""

    person: Person
    case: Case
    problem_areas: list[CaseProblemArea]
    triage: TriageDecision | None
    transitions: list[Transition]

    @property
    def year(self) -> int:
        """The year of its case number: the year it was registered, as for a live case."""
        return timezone.localtime(self.case.registered_at).year


def prepare_historic_case(
    *,
    imported_by: User,
    origin: str,
    registering_organisation: Organisation,
    municipal_domain: str,
    municipality: Municipality,
    person: dict,
    registered_on: date,
    topic: str,
    problem_areas: Iterable[str],
    cross_municipal: bool | None,
    decision: str = "",
    decided_on: date | None = None,
    started_on: date | None = None,
    closed_on: date | None = None,
    closing_reason: str = "",
    director: User | None = None,
    legal_basis: LegalBasis | None = None,
    legal_purpose: str = "",
) -> HistoricCase:
    """A case of the previous system, with its own historic dates and end state; not saved.

    The life cycle of a live case moves one step a day through the other services; an old
    case arrives all at once, already decided and perhaps closed years ago. This applies the
    same rules as those services (the transition table, the date order, a director for an open
    direction case), builds the transitions with their historic dates, and marks every record
    with the history reason "geïmporteerd". What the previous system never held (the
    registrant's name and e-mail, the reason text) stays empty rather than invented.

    It raises ValidationError and asks the database nothing, so an import checks every row
    before it writes any (`import_historic_cases` writes them).
    """
    errors: dict[str, str] = {}
    direction = decision in (Decision.MAATWERK, Decision.PGA)
    if decision and decision not in Decision.values:
        errors["decision"] = _("Onbekend besluit.")
    if registered_on > timezone.localdate():
        errors["registered_on"] = _("De aanmelddatum ligt in de toekomst.")
    if decision and decided_on is None:
        errors["decided_on"] = _("Bij een besluit hoort een besluitdatum.")
    if not decision and (decided_on or started_on or closed_on):
        errors["decision"] = _("Zonder besluit kan er geen besluit-, start- of afsluitdatum zijn.")
    if decided_on and decided_on < registered_on:
        errors["decided_on"] = _("Het besluit kan niet vóór de aanmelding liggen.")
    if started_on and not direction:
        errors["started_on"] = _("Alleen procesregie (maatwerk of PGA) heeft een startdatum.")
    if direction:
        started_on = started_on or decided_on
        if started_on and decided_on and started_on < decided_on:
            errors["started_on"] = _("De procesregie kan niet vóór het besluit starten.")
    if closed_on:
        closable = TRANSITIONS.get(DECISION_STATUS.get(decision, ""), set())
        if decision and Status.AFGESLOTEN not in closable:
            errors["closed_on"] = _("Een casus met dit besluit wordt niet afgesloten.")
        start = started_on or decided_on or registered_on
        if closed_on < start:
            errors["closed_on"] = _("De casus kan niet sluiten vóór de start (%(start)s).") % {
                "start": formats.short_date(start)
            }
        if closed_on > timezone.localdate():
            errors["closed_on"] = _("De afsluitdatum ligt in de toekomst.")
        if not terms.is_known(Vocabulary.AFSLUITREDEN, closing_reason):
            errors["closing_reason"] = _("Kies een reden van afsluiten.")
    elif closing_reason:
        errors["closing_reason"] = _("Een reden van afsluiten hoort bij een afsluitdatum.")
    if direction and not closed_on and director is None:
        errors["director"] = _("Een lopende casus in procesregie heeft een regisseur.")
    if errors:
        raise ValidationError(errors)

    def imported(record):
        record._history_user = imported_by
        record._change_reason = IMPORTED
        return record

    new_person = imported(Person(**person))
    clean_without_queries(new_person)

    def moment(day: date):
        return timezone.make_aware(datetime.combine(day, time(12, 0)))

    registered_at = moment(registered_on)
    status = Status.AANGEMELD
    if decision:
        status = DECISION_STATUS[decision]
    if closed_on:
        status = Status.AFGESLOTEN
    case = imported(
        Case(
            number="",
            status=status,
            kind=(Kind.MAATWERK if decision == Decision.MAATWERK else Kind.PGA)
            if direction
            else "",
            registering_organisation=registering_organisation,
            registered_by=imported_by,
            municipal_domain=municipal_domain,
            municipality=municipality,
            topic=topic,
            person_informed=False,
            not_informed_reason=_("Onbekend: geïmporteerd uit het vorige systeem."),
            origin=origin,
            cross_municipal=cross_municipal,
            legal_basis=legal_basis,
            legal_purpose=legal_purpose,
            registered_at=registered_at,
            triaged_on=decided_on,
            started_on=started_on if direction else None,
            closed_on=closed_on,
            closing_reason=closing_reason if closed_on else "",
            director=director,
        )
    )
    # The old system held no registrant contact or free text: left empty, not invented.
    clean_without_queries(
        case,
        exclude=[
            "person",
            "number",
            "registrant_name",
            "registrant_email",
            "reason",
            "desired_outcome",
        ],
    )
    case.person = new_person  # saved first by the writer; the case takes its id then
    areas = []
    for code in sorted(set(problem_areas)):
        area = imported(CaseProblemArea(case=case, code=code))
        clean_without_queries(area, exclude=["case"])
        areas.append(area)

    steps = [("", Status.AANGEMELD, registered_at, origin)]
    triage = None
    if decision:
        steps.append(
            (
                Status.AANGEMELD,
                DECISION_STATUS[decision],
                moment(decided_on),
                f"{IMPORTED}: {Decision(decision).label}",
            )
        )
        triage = imported(
            TriageDecision(
                case=case,
                criteria_assessed=False,
                decision=decision,
                reason=_("Besluit overgenomen uit het vorige systeem."),
                decided_by=imported_by,
                decided_on=decided_on,
            )
        )
    if closed_on:
        steps.append(
            (
                steps[-1][1],
                Status.AFGESLOTEN,
                moment(closed_on),
                f"{IMPORTED}: {terms.label(Vocabulary.AFSLUITREDEN, closing_reason)}",
            )
        )
    transitions = [
        Transition(case=case, from_status=a, to_status=b, by=imported_by, at=at, reason=why)
        for a, b, at, why in steps
    ]
    return HistoricCase(
        person=new_person,
        case=case,
        problem_areas=areas,
        triage=triage,
        transitions=transitions,
    )


@transaction.atomic
def import_historic_cases(*, imported_by: User, cases: list[HistoricCase]) -> list[Case]:
    """Write checked historic cases (`prepare_historic_case`), a few statements per table.

    This is the only writer of the import: 10,000 cases take about a dozen INSERTs per table
    instead of several per case. Every record gets the same history row a `save()` would
    give it, with the importing user and the reason "geïmporteerd": CONVENTIONS rule 7 bans
    `bulk_*` on models with history because plain bulk_create skips it, and simple-history's
    `bulk_create_with_history` is the one exception, as it writes the history rows in the
    same transaction. Case numbers come as one block per year (`reserve_case_numbers`), in
    the order of the rows. No object permissions are granted: the per-case services grant
    them only for team members (`add_team_member`), and an imported case has no team; its
    director reaches it through cases.policy (the case's `director` field), like any case.
    No notifications either: nobody needs to act on history.
    """
    if not cases:
        return []
    size = BATCH_SIZE

    def write(model, objs):
        if objs:
            bulk_create_with_history(
                objs,
                model,
                batch_size=size,
                default_user=imported_by,
                default_change_reason=IMPORTED,
            )

    # The imported persons join the person register (a few statements for the whole import).
    from persons.services import register_many

    registered = register_many(
        [
            {
                "first_name": item.person.first_name,
                "last_name": item.person.last_name,
                "birth_date": item.person.birth_date,
                "bsn": item.person.bsn,
                "gender": item.person.gender,
            }
            for item in cases
        ],
        by=imported_by,
    )
    for item, person in zip(cases, registered, strict=True):
        item.person.registered_person = person
    write(Person, [item.person for item in cases])
    # Taken as late as possible: the counter rows stay locked until the import commits.
    numbers = {
        year: iter(block)
        for year, block in reserve_case_numbers(Counter(item.year for item in cases)).items()
    }
    for item in cases:
        item.case.person = item.person
        item.case.number = next(numbers[item.year])
    write(Case, [item.case for item in cases])
    forget_namespace(EXCHANGE_TOTALS)  # the register of exchanges: no post_save in bulk
    write(CaseProblemArea, [area for item in cases for area in item.problem_areas])
    write(TriageDecision, [item.triage for item in cases if item.triage is not None])
    # Transitions have no simple-history of their own: they are the history of the status.
    Transition.objects.bulk_create(
        [step for item in cases for step in item.transitions], batch_size=size
    )
    return [item.case for item in cases]


# ---------------------------------------------------------------------------------------------
# Legal bases (reference data the functioneel beheerder keeps)


@transaction.atomic
def save_legal_basis(
    *,
    basis: LegalBasis | None,
    saved_by: User,
    code: str,
    name: str,
    explanation: str,
    order: int,
    active: bool,
    expected_version: int | None = None,
) -> LegalBasis:
    """Create or change a legal basis. Its code is fixed once made (the API and imports name
    bases by code); a basis in use is retired (not active), never deleted."""
    if basis is not None and basis.pk:
        claim_version(basis, expected_version=expected_version)
        code = basis.code
    basis = basis or LegalBasis()
    if LegalBasis.objects.filter(code=code).exclude(pk=basis.pk).exists():
        raise ValidationError({"code": _("Er is al een grondslag met deze code.")})
    basis.code, basis.name, basis.explanation = code, name, explanation
    basis.order, basis.active = order, active
    basis._history_user = saved_by
    basis.full_clean()
    basis.save()
    return basis
