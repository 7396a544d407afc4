"""All writes on cases (CONVENTIONS rule 4).

Every function is keyword-only, runs in one transaction, checks the life cycle against
`cases.models.TRANSITIONS`, records who/when/why (a `Transition` row plus simple-history with
the acting user), and enqueues notifications after the commit.

Other apps create registrations with `register_case(...)`, passing `origin` and `origin_url`
so the case says where it came from (advice, aftercare, trafficking).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    DECISION_STATUS,
    TRANSITIONS,
    Action,
    ActionStatus,
    Case,
    CaseGroup,
    CaseMeeting,
    CaseNumberSequence,
    CaseProblemArea,
    ClosingReason,
    ConflictCopy,
    Decision,
    Enrichment,
    Escalation,
    Goal,
    Ketenkamer,
    Kind,
    Person,
    Plan,
    RelatedPerson,
    Status,
    TeamMember,
    Transition,
    TriageDecision,
    qualifies,
)
from zvhd.network.models import Municipality, Organisation, User
from zvhd.permissions import grant, revoke


class TransitionNotAllowed(ValidationError):
    pass


class EditConflict(Exception):
    """Someone else saved the record since this person opened it.

    `current` is the record as it is now; the person's own version is kept in a ConflictCopy
    (`copy`) so nothing they typed is lost.
    """

    def __init__(self, *, current, copy: ConflictCopy):
        super().__init__("edit conflict")
        self.current = current
        self.copy = copy


# ---------------------------------------------------------------------------------------------
# Case numbers


def next_case_number(year: int) -> str:
    """`YYYY-NNNN`, unique even when two registrations are saved at the same moment.

    The counter row is incremented with one UPDATE ... SET last = last + 1, which the database
    serialises per row; the first number of a year creates the row (a concurrent creator gets
    an IntegrityError inside a savepoint and retries the UPDATE).
    """
    for _attempt in range(3):
        updated = CaseNumberSequence.objects.filter(year=year).update(last=F("last") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    CaseNumberSequence.objects.create(year=year, last=1)
            except IntegrityError:
                continue
        last = CaseNumberSequence.objects.get(year=year).last
        return f"{year}-{last:04d}"
    raise RuntimeError("Could not obtain a case number")


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
    case._history_user = by
    case.version = (case.version or 0) + 1
    case.full_clean(exclude=["person", "number", "invited_organisations"])
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
) -> Case:
    """A new registration (*aanmelding*), in status aangemeld, with a fresh case number."""
    if not person_informed and not not_informed_reason.strip():
        raise ValidationError(
            {"not_informed_reason": _("Geef aan waarom de betrokkene niet is geïnformeerd.")}
        )
    if isinstance(person, dict):
        person = Person(**person)
        person._history_user = registered_by
        person.full_clean()
        person.save()
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
    )
    case._history_user = registered_by
    case.full_clean(exclude=["person"])
    case.save()
    case.invited_organisations.set(invited_organisations)
    for code in sorted(set(problem_areas)):
        CaseProblemArea.objects.create(case=case, code=code)
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
    from cases import tasks

    transaction.on_commit(lambda: tasks.notify_new_registration.delay(case.pk))
    return case


@transaction.atomic
def screen_case(*, case: Case, screened_by: User, notes: str, complete: bool) -> Case:
    """Support checks completeness: complete registrations go on the ketenkamer agenda."""
    case.screening_notes = notes
    if complete and case.status == Status.AANGEMELD:
        _move(case=case, to=Status.IN_TRIAGE, by=screened_by, reason=notes or _("Compleet"))
    elif not complete and case.status == Status.IN_TRIAGE:
        _move(case=case, to=Status.AANGEMELD, by=screened_by, reason=notes)
    _save(case, screened_by)
    return case


@transaction.atomic
def add_enrichment(
    *, case: Case, added_by: User, text: str, shared_with: str, source_organisation=None
) -> Enrichment:
    item = Enrichment(
        case=case,
        source_organisation=source_organisation or added_by.organisation,
        text=text,
        shared_with=shared_with,
        added_by=added_by,
    )
    item._history_user = added_by
    item.full_clean()
    item.save()
    return item


# ---------------------------------------------------------------------------------------------
# Ketenkamer


@transaction.atomic
def plan_ketenkamer(*, date: date, planned_by: User) -> Ketenkamer:
    ketenkamer, _created = Ketenkamer.objects.get_or_create(date=date)
    return ketenkamer


@transaction.atomic
def record_attendance(
    *, ketenkamer: Ketenkamer, attendees: Iterable[User], notes: str, recorded_by: User
) -> Ketenkamer:
    ketenkamer._history_user = recorded_by
    ketenkamer.attendance_notes = notes
    ketenkamer.save()
    ketenkamer.attendees.set(attendees)
    return ketenkamer


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
    """The ketenkamer's decision. Direction needs the five criteria and a qualifying outcome."""
    decided_on = decided_on or timezone.localdate()
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
    from cases import tasks

    transaction.on_commit(lambda: tasks.notify_triage_decision.delay(case.pk))
    return triage


@transaction.atomic
def withdraw_case(*, case: Case, withdrawn_by: User, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van intrekken.")})
    _move(case=case, to=Status.INGETROKKEN, by=withdrawn_by, reason=reason)
    case.triaged_on = case.triaged_on or timezone.localdate()
    _save(case, withdrawn_by)
    return case


@transaction.atomic
def request_decision_list(*, ketenkamer: Ketenkamer, requested_by: User) -> Ketenkamer:
    """Queue the decision-list PDF (made by a task, never in the request)."""
    ketenkamer.decision_list_status = "pending"
    ketenkamer.decision_list_requested_by = requested_by
    ketenkamer.decision_list_error = ""
    ketenkamer.save(
        update_fields=["decision_list_status", "decision_list_requested_by", "decision_list_error"]
    )
    from cases import tasks

    transaction.on_commit(lambda: tasks.render_decision_list.delay(ketenkamer.pk))
    return ketenkamer


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
        raise EditConflict(current=result.current, copy=_keep_conflict(**result.copy))
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
        raise EditConflict(current=result.current, copy=_keep_conflict(**result.copy))
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
    plan.full_clean()
    plan.save()
    if review_on != case.review_on:
        case.review_on = review_on
        case.review_reminded_for = None
        _save(case, saved_by)
    return plan


@transaction.atomic
def add_goal(*, case: Case, added_by: User, life_domain: str, description: str) -> Goal:
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
    return action


@transaction.atomic
def set_action_status(*, action: Action, changed_by: User, status: str) -> Action:
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
    if user.organisation_id is None:
        raise ValidationError({"user": _("Deze professional hoort niet bij een organisatie.")})
    member, _created = TeamMember.objects.get_or_create(
        case=case, user=user, defaults={"organisation": user.organisation, "task": task}
    )
    grant(user, TEAM_PERMISSION, case)
    return member


@transaction.atomic
def remove_team_member(*, member: TeamMember, removed_by: User) -> None:
    """The professional loses access to the case with their place in the team."""
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
    return escalation


@transaction.atomic
def resolve_escalation(
    *, escalation: Escalation, resolved_by: User, outcome: str, resolved_on: date | None = None
) -> Escalation:
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
    if reason not in ClosingReason.values:
        errors["reason"] = _("Kies een reden van afsluiten.")
    start = case.started_on or timezone.localtime(case.registered_at).date()
    if closed_on < start:
        errors["closed_on"] = _("De casus kan niet sluiten vóór de start (%(start)s).") % {
            "start": start.strftime("%d-%m-%Y")
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
        reason=f"{ClosingReason(reason).label}. {note}".strip(),
    )
    case.closing_reason = reason
    case.closed_on = closed_on
    case.handed_over_to = handed_over_to if reason == ClosingReason.MOVED else None
    _save(case, closed_by)
    return case


@transaction.atomic
def reopen_case(*, case: Case, reopened_by: User, reason: str) -> Case:
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van heropenen.")})
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
def save_group_plan(*, group: CaseGroup, saved_by: User, plan: str, description: str) -> CaseGroup:
    group.plan, group.description = plan, description
    group._history_user = saved_by
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def link_to_group(*, case: Case, group: CaseGroup | None, linked_by: User) -> Case:
    case.group = group
    _save(case, linked_by)
    return case
