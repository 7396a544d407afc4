"""All writes of the advice app. Views validate with a form and call one of these.

Every write records who did it (simple-history's user and, where it matters, a reason) and
checks the state tables of `advice.models` before changing an outcome or a status.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from advice.counts import forget_counts
from advice.models import (
    ADVICE_OUTCOME_TRANSITIONS,
    SIGNAL_TRANSITIONS,
    AdviceOutcome,
    AdviceRecord,
    DirectoryEntry,
    MunicipalityContact,
    PatternSignal,
    SignalStatus,
)
from zvhd import formats
from zvhd.batch import BATCH_SIZE, clean_without_queries
from zvhd.network.models import Organisation, User
from zvhd.versions import claim_version


def _check_outcome(*, old: str, new: str) -> None:
    if old != new and new not in ADVICE_OUTCOME_TRANSITIONS[old]:
        raise ValidationError(
            {
                "outcome": _("Van ‘%(old)s’ naar ‘%(new)s’ kan niet.")
                % {"old": AdviceOutcome(old).label, "new": AdviceOutcome(new).label}
            }
        )


@transaction.atomic
def record_advice(*, advice: AdviceRecord, recorded_by: User) -> AdviceRecord:
    """Save a new advice record (quick entry or the full form)."""
    if advice.outcome == AdviceOutcome.REGISTRATION:
        raise ValidationError(
            {"outcome": _("Omzetten in een aanmelding gaat via de knop op de adviesvraag.")}
        )
    advice.created_by = recorded_by
    if not advice.answered_by_id:
        advice.answered_by = recorded_by
    if advice.outcome != AdviceOutcome.REFERRED:
        advice.referred_to = None
    advice._history_user = recorded_by
    advice.full_clean()
    advice.save()
    return advice


@transaction.atomic
def update_advice(
    *,
    advice: AdviceRecord,
    changed_by: User,
    reason: str = "",
    expected_version: int | None = None,
) -> AdviceRecord:
    """Save changes to an advice record; the outcome follows ADVICE_OUTCOME_TRANSITIONS.

    `expected_version` is the version the form was opened on: a save on an older one is
    refused with EditConflict (no lost updates)."""
    stored = claim_version(advice, expected_version=expected_version)
    if stored.outcome == AdviceOutcome.REGISTRATION and advice.outcome != stored.outcome:
        raise ValidationError({"outcome": _("Deze vraag is al omgezet in een aanmelding.")})
    if advice.outcome == AdviceOutcome.REGISTRATION and stored.outcome != advice.outcome:
        raise ValidationError(
            {"outcome": _("Omzetten in een aanmelding gaat via de knop op de adviesvraag.")}
        )
    _check_outcome(old=stored.outcome, new=advice.outcome)
    if advice.outcome != AdviceOutcome.REFERRED:
        advice.referred_to = None
    advice._history_user = changed_by
    advice._change_reason = reason or _("gewijzigd")
    advice.full_clean()
    advice.save()
    return advice


def registration_initial(advice: AdviceRecord) -> dict:
    """What the registration form of the cases app is pre-filled with (ids and text only).

    The cases app reads this with `registration_initial(AdviceRecord.objects.visible_to(user,
    "convert").get(pk=...))` when its form is opened with `?advies=<pk>`, so nothing personal
    travels in the URL.
    """
    return {
        "source_advice": advice.pk,
        "registering_organisation": advice.organisation_id,
        "municipality": advice.municipality_id,
        "topic": advice.topic.code if advice.topic_id else "",
        "registered_by_name": advice.requester_name,
        "registered_by_contact": advice.requester_contact,
        "reason": advice.question,
        "advice_given": advice.answer,
        "subject_alias": advice.subject_alias,
    }


@transaction.atomic
def link_registration(*, advice: AdviceRecord, case, linked_by: User) -> AdviceRecord:
    """Point a converted advice record at the registration made from it (both ways: the case
    carries the advice as its origin)."""
    advice = AdviceRecord.objects.select_for_update().get(pk=advice.pk)
    if advice.outcome != AdviceOutcome.REGISTRATION:
        raise ValidationError(_("Deze vraag is niet omgezet in een aanmelding."))
    if advice.registration_id and advice.registration_id != case.pk:
        raise ValidationError(_("Uit deze vraag is al een aanmelding gemaakt."))
    advice.registration = case
    advice.version += 1  # an edit form opened before this is then refused, not overwriting it
    advice._history_user = linked_by
    advice.save()
    return advice


@transaction.atomic
def register_from_advice(*, advice: AdviceRecord, registered_by: User, register, **registration):
    """The registration made from a converted advice question, in one transaction: the case is
    registered with the question as its origin, and both are linked (`link_registration`).

    `register` is the cases app's `register_case`, passed in by its registration view, so the
    advice app does not import the cases app (the cases app reads advice, not the other way
    round); `registration` is that service's keyword arguments. A refusal by either rolls both
    back.
    """
    case = register(
        registered_by=registered_by,
        origin=str(_("Adviesvraag van %(date)s")) % {"date": formats.short_date(advice.date)},
        origin_url=reverse("advice:detail", args=[advice.pk]),
        **registration,
    )
    link_registration(advice=advice, case=case, linked_by=registered_by)
    return case


@transaction.atomic
def convert_to_registration(*, advice: AdviceRecord, converted_by: User) -> dict:
    """Mark the advice as turned into a registration; returns the registration's initial data.

    Safe to call twice: a record that is already converted returns the same initial data, so
    a double click or a browser back-and-forward opens the same pre-filled form again.
    """
    advice = AdviceRecord.objects.select_for_update().get(pk=advice.pk)
    if advice.outcome != AdviceOutcome.REGISTRATION:
        _check_outcome(old=advice.outcome, new=AdviceOutcome.REGISTRATION)
        advice.outcome = AdviceOutcome.REGISTRATION
        advice.referred_to = None
        advice.converted_at = timezone.now()
        advice.converted_by = converted_by
        advice.version += 1
        advice._history_user = converted_by
        advice._change_reason = _("omgezet in aanmelding")
        advice.save()
    return registration_initial(advice)


# ---------------------------------------------------------------------------------------------
@transaction.atomic
def save_directory_entry(
    *,
    entry: DirectoryEntry,
    topics,
    municipalities,
    changed_by: User,
    expected_version: int | None = None,
) -> DirectoryEntry:
    if entry.pk is not None:
        claim_version(entry, expected_version=expected_version)
    entry.updated_by = changed_by
    entry._history_user = changed_by
    entry.full_clean()
    entry.save()
    entry.topics.set(topics)
    entry.municipalities.set(municipalities)
    return entry


@transaction.atomic
def save_municipality_contact(
    *, contact: MunicipalityContact, changed_by: User, expected_version: int | None = None
) -> MunicipalityContact:
    if contact.pk is not None:
        claim_version(contact, expected_version=expected_version)
    contact._history_user = changed_by
    contact.full_clean()
    contact.save()
    return contact


# ---------------------------------------------------------------------------------------------
@transaction.atomic
def record_signal(*, signal: PatternSignal, recorded_by: User) -> PatternSignal:
    signal.created_by = recorded_by
    signal.status = SignalStatus.NEW
    signal._history_user = recorded_by
    signal.full_clean()
    signal.save()
    return signal


@transaction.atomic
def update_signal(
    *, signal: PatternSignal, changed_by: User, expected_version: int | None = None
) -> PatternSignal:
    """Change the text of a signal; the status changes only through `change_signal_status`.
    A save on an older version than stored is refused (EditConflict)."""
    stored = claim_version(signal, expected_version=expected_version)
    signal.status = stored.status
    signal._history_user = changed_by
    signal.full_clean()
    signal.save()
    return signal


@transaction.atomic
def change_signal_status(
    *,
    signal: PatternSignal,
    to_status: str,
    changed_by: User,
    reason: str = "",
    addressed_to: Organisation | None = None,
    addressed_to_body: str = "",
    addressed_on: date | None = None,
    response: str = "",
    follow_up: str = "",
) -> PatternSignal:
    """Move a signal along SIGNAL_TRANSITIONS, recording to whom it went and what came back."""
    signal = PatternSignal.objects.select_for_update().get(pk=signal.pk)
    if to_status not in SIGNAL_TRANSITIONS[signal.status]:
        raise ValidationError(
            _("Van ‘%(old)s’ naar ‘%(new)s’ kan niet.")
            % {"old": SignalStatus(signal.status).label, "new": SignalStatus(to_status).label}
        )
    if to_status == SignalStatus.ADDRESSED:
        if not addressed_to and not addressed_to_body:
            raise ValidationError(
                {
                    "addressed_to": _(
                        "Kies de partner of vul het gremium in waaraan het signaal ging."
                    )
                }
            )
        signal.addressed_to = addressed_to
        signal.addressed_to_body = addressed_to_body
        signal.addressed_on = addressed_on or timezone.localdate()
    if response:
        signal.response = response
    if follow_up:
        signal.follow_up = follow_up
    if to_status == SignalStatus.DROPPED and not reason:
        raise ValidationError({"reason": _("Zeg waarom het signaal vervalt.")})
    signal.status = to_status
    signal.version += 1  # the edit form opened before this status change must not undo it
    signal._history_user = changed_by
    signal._change_reason = reason or SignalStatus(to_status).label
    signal.full_clean()
    signal.save()
    return signal


IMPORTED = "geïmporteerd"  # the history reason of every record an import makes


def prepare_historic_advice(
    *,
    imported_by: User,
    date: date,
    kind: str,
    organisation: Organisation,
    municipality=None,
    topic=None,
) -> AdviceRecord:
    """An advice record of the previous system (issue 9), checked but not saved yet.

    Only the counted facts came along. The old system kept no question text, requester or
    answer for these; they stay empty rather than invented, which is why those fields are left
    out of the check. The record is answered (it is history) and its history reason is
    "geïmporteerd". It asks the database nothing; `import_historic_advice` writes.
    """
    if date > timezone.localdate():
        raise ValidationError({"date": _("De datum ligt in de toekomst.")})
    advice = AdviceRecord(
        date=date,
        kind=kind,
        organisation=organisation,
        municipality=municipality,
        topic=topic,
        answered_by=imported_by,
        created_by=imported_by,
        outcome=AdviceOutcome.ANSWERED,
        minutes_spent=0,
    )
    clean_without_queries(advice, exclude=["requester_name", "question"])
    advice._history_user = imported_by
    advice._change_reason = IMPORTED
    return advice


@transaction.atomic
def import_historic_advice(*, imported_by: User, records: list[AdviceRecord]) -> list[AdviceRecord]:
    """Write checked advice records (`prepare_historic_advice`) in a few INSERTs.

    CONVENTIONS rule 7 bans `bulk_*` on models with history because plain bulk_create skips
    it; simple-history's `bulk_create_with_history` is the exception: each record gets the
    history row a `save()` would give it (importing user, reason "geïmporteerd"), in the same
    transaction.
    """
    created = bulk_create_with_history(
        records,
        AdviceRecord,
        batch_size=BATCH_SIZE,
        default_user=imported_by,
        default_change_reason=IMPORTED,
    )
    forget_counts()  # no post_save for a bulk insert
    return created
