"""All writes on the trafficking register. Views call one service each; seed_demo uses them too.

Every service records who did it (simple-history's history_user) and refuses a status change
the tables in `trafficking.models` do not allow, with a Dutch message.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trafficking.models import (
    FOLLOW_UP_TRANSITIONS,
    SIGNAL_TRANSITIONS,
    AgeClass,
    AgendaItem,
    AwarenessActivity,
    Decision,
    DrieluikMeeting,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Indicator,
    IndicatorObservation,
    Minor,
    Observation,
    Signal,
    SignalExploitation,
    SignalStatus,
    age_class_for,
    age_on,
)
from zvhd import formats
from zvhd.versions import claim_version

# The follow-up a Drieluik decision starts (RESCHEDULE starts none).
DECISION_FOLLOW_UP = {
    Decision.NONE: FollowUpKind.NONE,
    Decision.CARE: FollowUpKind.CARE,
    Decision.POLICE: FollowUpKind.POLICE,
    Decision.DIRECTION: FollowUpKind.DIRECTION,
    Decision.OTHER: FollowUpKind.OTHER,
}


def check_person(*, birth_date: date | None, minor: str, on: date) -> dict[str, str]:
    """Contradictions between the birth date and the minor flag, as {field: message}."""
    errors = {}
    if birth_date is None:
        return errors
    if birth_date > on:
        errors["birth_date"] = _("De geboortedatum ligt na de datum van het signaal.")
        return errors
    age = age_on(birth_date, on)
    if minor == Minor.YES and age >= 18:
        errors["minor"] = _(
            "Volgens de geboortedatum was de persoon %(age)s jaar op de datum van het signaal, "
            "dus niet minderjarig. Pas de geboortedatum of 'minderjarig' aan."
        ) % {"age": age}
    elif minor == Minor.NO and age < 18:
        errors["minor"] = _(
            "Volgens de geboortedatum was de persoon %(age)s jaar op de datum van het signaal, "
            "dus minderjarig. Pas de geboortedatum of 'minderjarig' aan."
        ) % {"age": age}
    return errors


def _derive_person(signal: Signal) -> None:
    """Age class and minor flag follow from the birth date when it is known."""
    if signal.birth_date:
        age = age_on(signal.birth_date, signal.received_on)
        signal.age_class = age_class_for(age)
        signal.minor = Minor.YES if age < 18 else Minor.NO
    elif signal.minor == Minor.YES and signal.age_class == AgeClass.UNKNOWN:
        signal.age_class = AgeClass.UNDER_18


def _next_reference(year: int) -> str:
    last = (
        Signal.objects.filter(reference__startswith=f"MH-{year}-")
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"MH-{year}-{number:03d}"


def _set_forms(signal: Signal, forms: list[str]) -> None:
    existing = {f.form: f for f in signal.forms.all()}
    for form, row in existing.items():
        if form not in forms:
            row.delete()
    for form in forms:
        if form not in existing:
            SignalExploitation.objects.create(signal=signal, form=form)
    if hasattr(signal, "_prefetched_objects_cache"):
        signal._prefetched_objects_cache.pop("forms", None)


def _validate_signal(signal: Signal, forms: list[str]) -> None:
    errors = check_person(birth_date=signal.birth_date, minor=signal.minor, on=signal.received_on)
    if not forms:
        errors["forms"] = _("Kies ten minste één vorm van uitbuiting.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def register_signal(*, signal: Signal, forms: list[str], registered_by) -> Signal:
    """A new signal: numbered per year (MH-2025-001), status registered."""
    _validate_signal(signal, forms)
    _derive_person(signal)
    signal.created_by = registered_by
    signal.status = SignalStatus.REGISTERED
    if not signal.person_unknown and signal.registered_person_id is None:
        from persons.services import register_person

        signal.registered_person = register_person(
            first_name=signal.first_name,
            last_name=signal.last_name,
            birth_date=signal.birth_date,
            bsn=signal.bsn,
            gender=signal.gender,
            by=registered_by,
        )
    signal._history_user = registered_by
    for _attempt in range(3):  # two registrations at the same moment get the same number
        signal.reference = _next_reference(signal.received_on.year)
        try:
            with transaction.atomic():
                signal.save()
            break
        except IntegrityError:
            signal.pk = None
    else:  # pragma: no cover - three collisions in a row
        raise ValidationError(_("Het registratienummer kon niet worden bepaald; probeer opnieuw."))
    _set_forms(signal, forms)
    return signal


@transaction.atomic
def update_signal(
    *, signal: Signal, forms: list[str], changed_by, expected_version: int | None = None
) -> Signal:
    """Change a signal's details; a save on an older version than stored is refused."""
    claim_version(signal, expected_version=expected_version)
    _validate_signal(signal, forms)
    _derive_person(signal)
    signal._history_user = changed_by
    signal.save()
    _set_forms(signal, forms)
    return signal


def _move(signal: Signal, to: str, by) -> None:
    if to not in SIGNAL_TRANSITIONS[signal.status]:
        raise ValidationError(
            _("Een signaal met status '%(from)s' kan niet naar '%(to)s'.")
            % {"from": signal.get_status_display(), "to": SignalStatus(to).label}
        )
    signal.status = to
    signal._history_user = by
    signal.save(update_fields=["status", "closed_on"])


@transaction.atomic
def record_indicators(
    *,
    signal: Signal,
    observations: dict[int, tuple[str, str]],
    recorded_by,
    expected_version: int | None = None,
) -> int:
    """Set the observed indicators of a signal: {indicator id: (status, source)}.

    Only indicators on the chain director's active list, for the signal's forms of
    exploitation, are accepted; an empty status removes the observation. Returns the number
    of observations the signal has afterwards. The observations are part of the signal: the
    signal's version is claimed first, so a save on an older version than stored is refused
    (`EditConflict`) before any row is written, and a saved set moves the signal on.
    """
    claim_version(signal, expected_version=expected_version)
    signal._history_user = recorded_by
    signal.save(update_fields=["version"])
    forms = set(signal.form_values)
    allowed = {
        i.pk: i for i in Indicator.objects.filter(active=True, form__in=forms, pk__in=observations)
    }
    unknown = [pk for pk in observations if pk not in allowed]
    if unknown:
        raise ValidationError(
            _(
                "Onbekende indicator: %(ids)s staat niet (meer) op de indicatorenlijst voor de "
                "gekozen vormen van uitbuiting. De andere invoer is bewaard; controleer en "
                "sla opnieuw op."
            )
            % {"ids": ", ".join(str(pk) for pk in unknown)}
        )
    existing = {o.indicator_id: o for o in signal.observations.all()}
    for pk, (status, source) in observations.items():
        row = existing.get(pk)
        if not status:
            if row is not None:
                row._history_user = recorded_by
                row.delete()
            continue
        if status not in Observation.values:
            raise ValidationError(_("Kies waargenomen, niet waargenomen of onbekend."))
        if row is None:
            row = IndicatorObservation(signal=signal, indicator_id=pk)
        if (row.status, row.source) != (status, source) or row.pk is None:
            row.status, row.source = status, source
            row._history_user = recorded_by
            row.save()
    return signal.observations.count()


@transaction.atomic
def mark_reported_to_comensha(*, signal: Signal, reported_on: date, reported_by) -> Signal:
    if reported_on < signal.received_on:
        raise ValidationError(
            {"reported_on": _("De meldingsdatum ligt vóór de datum van het signaal.")}
        )
    signal.comensha_reported_on = reported_on
    signal.comensha_reported_by = reported_by
    signal._history_user = reported_by
    signal.save(update_fields=["comensha_reported_on", "comensha_reported_by"])
    return signal


@transaction.atomic
def plan_meeting(
    *, held_on: date, location: str, attendees, other_attendees: str, planned_by
) -> DrieluikMeeting:
    """A new Drieluik with all open signals that still wait for a decision on its agenda."""
    meeting = DrieluikMeeting(
        held_on=held_on,
        location=location,
        other_attendees=other_attendees,
        created_by=planned_by,
    )
    meeting._history_user = planned_by
    meeting.save()
    meeting.attendees.set(attendees)
    add_open_signals_to_agenda(meeting=meeting, added_by=planned_by)
    return meeting


@transaction.atomic
def add_open_signals_to_agenda(*, meeting: DrieluikMeeting, added_by) -> int:
    """Put every signal waiting for a decision on the agenda (once). Returns how many added."""
    on_agenda = meeting.items.values("signal_id")
    waiting = (
        Signal.objects.for_agenda()
        .filter(received_on__lte=meeting.held_on)
        .exclude(pk__in=on_agenda)
        .order_by("received_on", "pk")
    )
    added = 0
    for signal in waiting:
        item = AgendaItem(meeting=meeting, signal=signal)
        item._history_user = added_by
        item.save()
        added += 1
    return added


def meeting_not_held_message(meeting: DrieluikMeeting) -> str:
    """Why no discussion or decision can be recorded for a Drieluik that has not met yet."""
    return _(
        "Het Drieluik van %(date)s is nog niet geweest. Leg de bespreking en het besluit vast "
        "op of na de dag van het Drieluik."
    ) % {"date": formats.long_date(meeting.held_on)}


@transaction.atomic
def record_decision(
    *,
    item: AgendaItem,
    discussion: str,
    decision: str,
    decided_on: date | None,
    responsible: str = "",
    decided_by,
) -> FollowUp | None:
    """The Drieluik's decision on a signal; starts the follow-up it names.

    - RESCHEDULE: the signal stays on the list for the next Drieluik;
    - NONE: a closed follow-up "geen" and the signal is closed;
    - otherwise a follow-up of that kind, started on the decision date; the signal is in
      follow-up until every follow-up is closed.
    """
    if item.meeting.planned:
        raise ValidationError(meeting_not_held_message(item.meeting))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Kies een besluit.")})
    if decided_on is None:
        raise ValidationError({"decided_on": _("Vul de besluitdatum in.")})
    if decided_on < item.signal.received_on:
        raise ValidationError(
            {"decided_on": _("De besluitdatum ligt vóór de datum van het signaal.")}
        )
    if decided_on < item.meeting.held_on:
        raise ValidationError(
            {
                "decided_on": _("De besluitdatum ligt vóór het Drieluik van %(date)s.")
                % {"date": formats.short_date(item.meeting.held_on)}
            }
        )
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("De besluitdatum ligt in de toekomst.")})
    if item.decision:
        raise ValidationError(
            _("Over dit signaal is in dit Drieluik al besloten; wijzig de opvolging zelf.")
        )
    item.discussion = discussion
    item.decision = decision
    item.decided_on = decided_on
    item.decided_by = decided_by
    item._history_user = decided_by
    item.save()
    signal = item.signal
    if decision == Decision.RESCHEDULE:
        _move(signal, SignalStatus.DISCUSSED, decided_by)
        return None
    return start_follow_up(
        signal=signal,
        kind=DECISION_FOLLOW_UP[decision],
        decided_on=decided_on,
        responsible=responsible,
        note=discussion if decision == Decision.NONE else "",
        agenda_item=item,
        started_by=decided_by,
    )


def missing_for_direction(signal: Signal) -> list[str]:
    """What a registration for process direction needs of the person and the signal lacks."""
    missing = [
        str(label)
        for label, value in (
            (_("voornaam"), signal.first_name),
            (_("achternaam"), signal.last_name),
            (_("geboortedatum"), signal.birth_date),
            (_("gemeente"), signal.municipality_id),
        )
        if not value or signal.person_unknown
    ]
    return missing


def register_for_direction(*, signal: Signal, decided_on: date, by):
    """Register the signal's person for process direction in the cases app (the ketenkamer
    then triages it like any registration). Process direction needs a known person."""
    from django.urls import reverse

    from cases.services import register_case

    missing = missing_for_direction(signal)
    if missing:
        raise ValidationError(
            _(
                "Voor procesregie moet de persoon bekend zijn. Vul eerst in bij het signaal: "
                "%(missing)s."
            )
            % {"missing": ", ".join(missing)}
        )
    return register_case(
        registered_by=by,
        registering_organisation=by.organisation,
        registrant_name=by.get_full_name() or by.get_username(),
        registrant_email=by.email,
        municipality=signal.municipality,
        person={
            "first_name": signal.first_name,
            "last_name": signal.last_name,
            "birth_date": signal.birth_date,
            "gender": signal.gender,  # one vocabulary (zvhd.vocabulary.Gender)
            "bsn": signal.bsn,
            "municipality": signal.municipality,
        },
        reason=_(
            "Signaal van mogelijke mensenhandel %(reference)s; het Drieluik besloot op "
            "%(date)s tot procesregie door het ZVHD."
        )
        % {"reference": signal.reference, "date": formats.short_date(decided_on)},
        desired_outcome=_("Een integrale aanpak van bescherming, zorg en veiligheid."),
        topic="mensenhandel",
        problem_areas=["mensenhandel"],
        person_informed=False,
        not_informed_reason=_(
            "Aangemeld vanuit het Drieluik mensenhandel; of en hoe de betrokkene wordt "
            "geïnformeerd, bespreekt de ketenkamer."
        ),
        urgency="hoog",
        origin=_("Signaal mensenhandel %(reference)s") % {"reference": signal.reference},
        origin_url=reverse("trafficking:signal_detail", args=[signal.pk]),
    )


@transaction.atomic
def start_follow_up(
    *,
    signal: Signal,
    kind: str,
    decided_on: date | None,
    responsible: str = "",
    note: str = "",
    agenda_item: AgendaItem | None = None,
    started_by,
) -> FollowUp:
    """Start a follow-up of a signal. Kind NONE closes it, and the signal, at once."""
    if decided_on is None:
        raise ValidationError({"decided_on": _("Een opvolging heeft een besluitdatum nodig.")})
    if decided_on < signal.received_on:
        raise ValidationError(
            {"decided_on": _("De besluitdatum ligt vóór de datum van het signaal.")}
        )
    if not signal.is_open:
        raise ValidationError(_("Dit signaal is afgesloten; heropen het eerst."))
    follow_up = FollowUp(
        signal=signal,
        kind=kind,
        decided_on=decided_on,
        responsible=responsible,
        note=note,
        agenda_item=agenda_item,
        created_by=started_by,
    )
    if kind == FollowUpKind.NONE:
        follow_up.status = FollowUpStatus.CLOSED
        follow_up.closed_on = decided_on
    if kind == FollowUpKind.DIRECTION:
        follow_up.case = register_for_direction(signal=signal, decided_on=decided_on, by=started_by)
    follow_up._history_user = started_by
    follow_up.save()
    if kind == FollowUpKind.NONE:
        if not signal.follow_ups.open().exists():
            signal.closed_on = decided_on
            _move(signal, SignalStatus.CLOSED, started_by)
    else:
        _move(signal, SignalStatus.FOLLOW_UP, started_by)
    return follow_up


@transaction.atomic
def change_follow_up_status(
    *, follow_up: FollowUp, status: str, on: date | None, changed_by
) -> FollowUp:
    """Move a follow-up along FOLLOW_UP_TRANSITIONS; the last one closed closes the signal."""
    if status not in FOLLOW_UP_TRANSITIONS.get(follow_up.status, set()):
        raise ValidationError(
            _("Een opvolging met status '%(from)s' kan niet naar '%(to)s'.")
            % {
                "from": follow_up.get_status_display(),
                "to": dict(FollowUpStatus.choices).get(status, status),
            }
        )
    if status == FollowUpStatus.CLOSED:
        if on is None:
            raise ValidationError({"on": _("Vul de datum van afsluiten in.")})
        if on < follow_up.decided_on:
            raise ValidationError({"on": _("De datum van afsluiten ligt vóór de besluitdatum.")})
        follow_up.closed_on = on
    follow_up.status = status
    follow_up._history_user = changed_by
    follow_up.save()
    signal = follow_up.signal
    if status == FollowUpStatus.CLOSED and not signal.follow_ups.open().exists():
        signal.closed_on = on
        _move(signal, SignalStatus.CLOSED, changed_by)
    return follow_up


@transaction.atomic
def reopen_signal(*, signal: Signal, reopened_by) -> Signal:
    signal.closed_on = None
    _move(signal, SignalStatus.REGISTERED, reopened_by)
    return signal


@transaction.atomic
def record_awareness_activity(*, activity: AwarenessActivity, recorded_by) -> AwarenessActivity:
    activity.created_by = recorded_by
    activity.full_clean()
    activity.save()
    return activity


@transaction.atomic
def save_indicator(
    *, indicator: Indicator, saved_by, expected_version: int | None = None
) -> Indicator:
    """Add or change an indicator of the reference list (retire it with active off)."""
    if indicator.pk is not None:
        claim_version(indicator, expected_version=expected_version)
    indicator._history_user = saved_by
    indicator.full_clean()
    indicator.save()
    return indicator
