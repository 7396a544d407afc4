"""All writes on aftercare records (CONVENTIONS rule 4).

Keyword-only, one transaction each, the life cycle checked against `models.TRANSITIONS`, who and
why recorded (`RecordEvent` plus simple-history with the acting user). Bad input is a
`ValidationError` keyed by the form field it belongs to, so the page shows it next to the field.

`receive_notification` is the single entry for detention notifications: the intake form calls
it now, the API (a later issue) will call it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aftercare.models import (
    BASIC_CONDITIONS,
    DONE_STATUSES,
    EXTRA_CONDITIONS,
    TRANSITIONS,
    AftercareRecord,
    ClosingReason,
    Condition,
    ConditionStatus,
    Consent,
    ContactMoment,
    Enrichment,
    Notification,
    NotificationKind,
    Participation,
    RecordEvent,
    Source,
    Status,
    validate_bsn,
)
from zvhd import formats
from zvhd.batch import clean_without_queries
from zvhd.network.models import Municipality, Role, User
from zvhd.versions import claim_version


class TransitionNotAllowed(ValidationError):
    pass


def _move(*, record: AftercareRecord, to: str, by: User | None, reason: str = "") -> None:
    """The only place that changes `record.status`."""
    if to not in TRANSITIONS.get(record.status, set()):
        raise TransitionNotAllowed(
            _("Van ‘%(from)s’ naar ‘%(to)s’ is geen toegestane stap voor een nazorgdossier.")
            % {"from": Status(record.status).label, "to": Status(to).label},
            code="transition",
        )
    RecordEvent.objects.create(
        record=record, from_status=record.status, to_status=to, by=by, reason=reason
    )
    record.status = to


def _save(record: AftercareRecord, by: User | None, *, whole: bool = False) -> None:
    """Every change of a record, saved with its history row.

    `whole`: a new record, or a new expected release, is checked against the database too
    (one record per detention, release not before the start: each with its own message).
    Every other step changes none of those fields, so it is checked in memory, as the cases'
    `_save` does (`zvhd.batch.clean_without_queries`): full_clean asked the database about each
    foreign key again, seven round trips on every step of a record."""
    record._history_user = by
    if whole:
        record.full_clean(exclude=["case"])
    else:
        clean_without_queries(record, exclude=["case"])
    record.save()


def _refuse_when_closed(record: AftercareRecord) -> None:
    if record.is_closed:
        raise ValidationError(_("Dit dossier is afgesloten en kan niet meer worden gewijzigd."))


def _not_in_future(value: date | None, field: str, label: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({field: _("%(label)s ligt in de toekomst.") % {"label": label}})


# ---------------------------------------------------------------------------------------------
# Participating municipalities


@transaction.atomic
def set_participation(
    *, year: int, municipalities: Iterable[Municipality], changed_by: User
) -> list[Participation]:
    """Management records which municipalities buy the plus task in `year`."""
    wanted = {m.pk for m in municipalities}
    current = {p.municipality_id: p for p in Participation.objects.filter(year=year)}
    for municipality_id, participation in current.items():
        if municipality_id not in wanted:
            participation._history_user = changed_by
            participation.delete()
    created = []
    for municipality_id in sorted(wanted - current.keys()):
        participation = Participation(year=year, municipality_id=municipality_id)
        participation._history_user = changed_by
        participation.save()
        created.append(participation)
    return created


def check_participation(*, municipality: Municipality, on: date) -> None:
    """Refuse a resident of a municipality that does not buy the plus task, saying where to go."""
    participating = Participation.objects.municipalities_in(on.year)
    if not participating.filter(pk=municipality.pk).exists():
        names = ", ".join(m.name for m in participating) or _("geen enkele gemeente")
        raise ValidationError(
            {
                "municipality": _(
                    "%(municipality)s neemt in %(year)s niet deel aan de nazorg van het ZVHD "
                    "(deelnemers: %(names)s). Stuur de melding door naar de nazorgcoördinator "
                    "van de gemeente %(municipality)s."
                )
                % {"municipality": municipality.name, "year": on.year, "names": names}
            },
            code="not_participating",
        )


# ---------------------------------------------------------------------------------------------
# Intake


@transaction.atomic
def receive_notification(
    *,
    kind: str,
    first_names: str,
    last_name: str,
    birth_date: date,
    bsn: str,
    municipality: Municipality,
    institution: str,
    detention_start: date,
    expected_release: date,
    source: str,
    received_by: User | None = None,
    received_on: date | None = None,
    via_api: bool = False,
    note: str = "",
) -> Notification:
    """A detention notification: a new record, or one more notification of a known detention.

    The same person (BSN) with the same detention start is the same detention. A second
    notification of the same kind for it is a duplicate and is refused; an end-of-detention
    notification or a plan updates the expected release date.
    """
    received_on = received_on or timezone.localdate()
    bsn = (bsn or "").replace(" ", "").replace(".", "")
    errors: dict[str, list[str]] = {}
    try:
        validate_bsn(bsn)
    except ValidationError as error:
        errors["bsn"] = error.messages
    if expected_release < detention_start:
        errors["expected_release"] = [
            _("De verwachte datum van ontslag ligt voor het begin van de detentie.")
        ]
    if birth_date >= detention_start:
        errors["birth_date"] = [_("De geboortedatum ligt na het begin van de detentie.")]
    try:
        check_participation(municipality=municipality, on=received_on)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)

    record = (
        AftercareRecord.objects.select_for_update()
        .filter(bsn=bsn, detention_start=detention_start)
        .first()
    )
    if record is None:
        record = AftercareRecord(
            first_names=first_names.strip(),
            last_name=last_name.strip(),
            birth_date=birth_date,
            bsn=bsn,
            municipality=municipality,
            institution=institution.strip(),
            detention_start=detention_start,
            expected_release=expected_release,
            notified_on=received_on,
            coordinator=(
                received_by
                if received_by is not None and received_by.has_role(Role.NAZORGCOORDINATOR)
                else None
            ),
        )
        from persons.services import register_person

        record.registered_person = register_person(
            first_name=record.first_names,
            last_name=record.last_name,
            birth_date=birth_date,
            bsn=bsn,
            by=received_by,
        )
        try:
            # Two notifications of the same new detention at the same moment: the unique key
            # (BSN, detention start) lets one in; the other gets the duplicate message.
            with transaction.atomic():
                _save(record, received_by, whole=True)
        except IntegrityError:
            raise ValidationError(
                {
                    "kind": _(
                        "Deze detentie is zojuist al gemeld; er is niets dubbel opgeslagen. "
                        "Zoek het dossier op BSN."
                    )
                },
                code="duplicate",
            ) from None
        RecordEvent.objects.create(
            record=record,
            to_status=Status.OPEN,
            by=received_by,
            reason=_("Melding ontvangen: %(kind)s") % {"kind": NotificationKind(kind).label},
        )
        for condition_kind in BASIC_CONDITIONS:
            condition = Condition(record=record, kind=condition_kind, basic=True)
            condition._history_user = received_by
            condition.save()
    else:
        earlier = record.notifications.filter(kind=kind).first()
        if earlier is not None:
            raise ValidationError(
                {
                    "kind": _(
                        "Deze melding (%(kind)s) is voor deze detentie al ontvangen op "
                        "%(date)s, in dossier %(number)s. Er is niets dubbel opgeslagen."
                    )
                    % {
                        "kind": NotificationKind(kind).label.lower(),
                        "date": formats.long_date(earlier.received_on),
                        "number": record.number,
                    }
                },
                code="duplicate",
            )
        if kind != NotificationKind.START and record.expected_release != expected_release:
            record.expected_release = expected_release
            record.institution = institution.strip() or record.institution
            _save(record, received_by, whole=True)
    notification = Notification(
        record=record,
        kind=kind,
        source=source.strip(),
        received_on=received_on,
        received_by=received_by,
        via_api=via_api,
        note=note,
    )
    notification._history_user = received_by
    notification.full_clean()
    notification.save()
    return notification


# ---------------------------------------------------------------------------------------------
# Work on the record


@transaction.atomic
def record_consent(
    *,
    record: AftercareRecord,
    consent: str,
    consent_on: date | None,
    recorded_by: User,
    expected_version: int | None = None,
) -> AftercareRecord:
    """The detainee's consent; a save on an older version than stored is refused."""
    claim_version(record, expected_version=expected_version)
    _refuse_when_closed(record)
    if consent != Consent.UNKNOWN and consent_on is None:
        raise ValidationError({"consent_on": _("Vul de datum in waarop dit is vastgelegd.")})
    _not_in_future(consent_on, "consent_on", _("De datum van de toestemming"))
    if consent_on and consent_on < record.detention_start - timedelta(days=366):
        raise ValidationError({"consent_on": _("Deze datum ligt ver voor de detentie.")})
    record.consent = consent
    record.consent_on = consent_on if consent != Consent.UNKNOWN else None
    _save(record, recorded_by)
    return record


@transaction.atomic
def add_enrichment(
    *, record: AftercareRecord, source: str, text: str, added_by: User
) -> Enrichment:
    """Information from DJI, probation or the municipality.

    Without consent the law allows only what DJI passes on with its notification (the data the
    municipality needs for the basic conditions); probation and the municipality share more only
    with the detainee's consent.
    """
    _refuse_when_closed(record)
    if source != Source.DJI and not record.has_consent:
        raise ValidationError(
            {
                "source": _(
                    "Zonder toestemming van de gedetineerde mag alleen informatie van DJI worden "
                    "vastgelegd. Leg eerst de toestemming vast."
                )
            }
        )
    item = Enrichment(record=record, source=source, text=text.strip(), added_by=added_by)
    item._history_user = added_by
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def update_condition(
    *,
    condition: Condition,
    status: str,
    actions: str,
    responsible: str,
    due_on: date | None,
    arranged_on: date | None,
    updated_by: User,
    expected_version: int | None = None,
) -> Condition:
    """Status, actions, who arranges it and when; a save on an older version is refused."""
    claim_version(condition, expected_version=expected_version)
    _refuse_when_closed(condition.record)
    if status == ConditionStatus.ARRANGED:
        arranged_on = arranged_on or timezone.localdate()
        _not_in_future(arranged_on, "arranged_on", _("De datum ‘geregeld op’"))
    else:
        arranged_on = None
    condition.status = status
    condition.actions = actions.strip()
    condition.responsible = responsible.strip()
    condition.due_on = due_on
    condition.arranged_on = arranged_on
    condition.updated_by = updated_by
    condition._history_user = updated_by
    # Its record and kind do not change here; the user is the one making the change.
    clean_without_queries(condition)
    condition.save()
    return condition


@transaction.atomic
def add_extra_condition(*, record: AftercareRecord, kind: str, added_by: User) -> Condition:
    _refuse_when_closed(record)
    if kind not in EXTRA_CONDITIONS:
        raise ValidationError({"kind": _("Kies een van de aanvullende voorwaarden.")})
    if record.conditions.filter(kind=kind).exists():
        raise ValidationError({"kind": _("Deze voorwaarde staat al in het dossier.")})
    condition = Condition(record=record, kind=kind, basic=False, updated_by=added_by)
    condition._history_user = added_by
    condition.save()
    return condition


@transaction.atomic
def add_contact_moment(
    *,
    record: AftercareRecord,
    on: date,
    with_whom: str,
    help_offered: str,
    accepted: str,
    notes: str,
    by: User,
) -> ContactMoment:
    _refuse_when_closed(record)
    _not_in_future(on, "on", _("De datum van het contact"))
    contact = ContactMoment(
        record=record,
        on=on,
        with_whom=with_whom,
        help_offered=help_offered.strip(),
        accepted=accepted,
        notes=notes.strip(),
        by=by,
    )
    contact._history_user = by
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def start_guidance(
    *, record: AftercareRecord, guide: User, started_on: date, started_by: User
) -> AftercareRecord:
    """Trajectory guidance is voluntary help: it needs the detainee's consent."""
    if not record.has_consent:
        raise ValidationError(
            _("Trajectbegeleiding kan alleen met toestemming van de gedetineerde.")
        )
    if started_on < record.detention_start:
        raise ValidationError(
            {"started_on": _("De begeleiding kan niet beginnen voor het begin van de detentie.")}
        )
    _move(record=record, to=Status.GUIDANCE, by=started_by, reason=_("Begeleiding gestart"))
    record.guide = guide
    record.guidance_started_on = started_on
    record.guidance_ended_on = None
    _save(record, started_by)
    return record


@transaction.atomic
def end_guidance(
    *,
    record: AftercareRecord,
    ended_on: date,
    handed_over_to: str,
    handover_note: str,
    ended_by: User,
) -> AftercareRecord:
    """The end of guidance with the warm hand-over to regular care."""
    if record.guidance_started_on and ended_on < record.guidance_started_on:
        raise ValidationError({"ended_on": _("Het einde van de begeleiding ligt voor het begin.")})
    _move(record=record, to=Status.OPEN, by=ended_by, reason=_("Begeleiding beëindigd"))
    record.guidance_ended_on = ended_on
    record.handed_over_to = handed_over_to.strip()
    record.handover_note = handover_note.strip()
    _save(record, ended_by)
    return record


@transaction.atomic
def register_release(
    *, record: AftercareRecord, released_on: date, registered_by: User
) -> AftercareRecord:
    """The actual release; the state of every condition at that moment is kept for the figures."""
    _refuse_when_closed(record)
    if released_on < record.detention_start:
        raise ValidationError(
            {"released_on": _("De datum van ontslag ligt voor het begin van de detentie.")}
        )
    _not_in_future(released_on, "released_on", _("De datum van ontslag"))
    record.actual_release = released_on
    record.release_snapshot = {c.kind: c.status for c in record.conditions.all()}
    _save(record, registered_by)
    return record


@transaction.atomic
def escalate(
    *,
    record: AftercareRecord,
    reason: str,
    desired_outcome: str,
    problem_areas: Iterable[str],
    escalated_by: User,
):
    """Escalation to process direction: a registration in the cases app, linked both ways.

    The registration is made by the cases app's own service; this record keeps the case and the
    case keeps a link back (`origin_url`) to the page that shows staff on the case the link.
    """
    from cases import services as case_services

    _move(record=record, to=Status.ESCALATED, by=escalated_by, reason=reason)
    informed = record.has_consent
    case = case_services.register_case(
        registered_by=escalated_by,
        registering_organisation=escalated_by.organisation,
        registrant_name=str(escalated_by),
        registrant_email=escalated_by.email,
        municipality=record.municipality,
        person={
            "first_name": record.first_names[:100],
            "last_name": record.last_name,
            "birth_date": record.birth_date,
            "bsn": record.bsn,
            "municipality": record.municipality,
        },
        reason=reason,
        desired_outcome=desired_outcome,
        topic="ex_gedetineerden",
        problem_areas=problem_areas,
        person_informed=informed,
        not_informed_reason=(
            ""
            if informed
            else _("Opgeschaald vanuit de nazorg zonder toestemming van de gedetineerde.")
        ),
        origin=_("Nazorg ex-gedetineerden, dossier %(number)s") % {"number": record.number},
        origin_url=reverse("aftercare:record_link", args=[record.pk]),
    )
    record.case = case
    record.escalated_on = timezone.localdate()
    record.escalated_by = escalated_by
    record.escalation_reason = reason.strip()
    record._history_user = escalated_by
    record.save()
    return case


@transaction.atomic
def close_record(
    *, record: AftercareRecord, reason: str, note: str, closed_by: User
) -> AftercareRecord:
    if reason not in ClosingReason.values:
        raise ValidationError({"reason": _("Kies een reden van afsluiten.")})
    if reason == ClosingReason.OTHER and not note.strip():
        raise ValidationError({"note": _("Licht de reden ‘anders’ toe.")})
    _move(record=record, to=Status.CLOSED, by=closed_by, reason=note or ClosingReason(reason).label)
    record.closing_reason = reason
    record.closing_note = note.strip()
    record.closed_on = timezone.localdate()
    record.closed_by = closed_by
    if record.guidance_started_on and not record.guidance_ended_on:
        record.guidance_ended_on = record.closed_on
    _save(record, closed_by)
    return record


def open_conditions(record: AftercareRecord) -> list[Condition]:
    return [c for c in record.conditions.all() if c.status not in DONE_STATUSES]
