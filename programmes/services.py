"""All writes of the programmes app (CONVENTIONS rule 4): keyword-only, atomic, with history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.services import ensure_open
from programmes.models import CaseProgramme, Programme
from zvhd import formats
from zvhd.network.models import User
from zvhd.versions import claim_version


def _check_period(
    *, case: Case, programme: Programme, started_on: date, ended_on: date | None, exclude=None
) -> None:
    errors = {}
    if started_on > timezone.localdate():
        errors["started_on"] = _("De begindatum ligt in de toekomst.")
    if ended_on is not None and ended_on < started_on:
        errors["ended_on"] = _("De einddatum ligt vóór de begindatum.")
    if errors:
        raise ValidationError(errors)
    # One period of a programme at a time: the case row is locked, so two directors adding
    # the same programme at once cannot both pass this check.
    Case._base_manager.select_for_update().filter(pk=case.pk).first()
    others = CaseProgramme._base_manager.filter(case=case, programme=programme)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    for other in others:
        other_end = other.ended_on or date.max
        this_end = ended_on or date.max
        if other.started_on <= this_end and started_on <= other_end:
            until = formats.short_date(other.ended_on) if other.ended_on else _("heden")
            raise ValidationError(
                {
                    "started_on": _(
                        "Deze casus is al in het programma %(name)s van %(start)s tot "
                        "%(end)s; periodes van één programma mogen elkaar niet overlappen."
                    )
                    % {
                        "name": programme.name,
                        "start": formats.short_date(other.started_on),
                        "end": until,
                    }
                }
            )


@transaction.atomic
def add_case_programme(
    *,
    case: Case,
    programme: Programme,
    started_on: date,
    ended_on: date | None = None,
    added_by: User,
) -> CaseProgramme:
    """Put a case in a programme from `started_on` (until `ended_on`, if known)."""
    ensure_open(case)
    if not programme.active:
        raise ValidationError({"programme": _("Dit programma is niet meer in gebruik.")})
    _check_period(case=case, programme=programme, started_on=started_on, ended_on=ended_on)
    period = CaseProgramme(
        case=case,
        programme=programme,
        started_on=started_on,
        ended_on=ended_on,
        added_by=added_by,
    )
    period._history_user = added_by
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def change_case_programme(
    *,
    period: CaseProgramme,
    started_on: date,
    ended_on: date | None,
    changed_by: User,
    expected_version: int | None,
) -> CaseProgramme:
    """Change a period's dates (e.g. record the out date); refused on an older version."""
    ensure_open(period.case)
    claim_version(period, expected_version=expected_version)
    _check_period(
        case=period.case,
        programme=period.programme,
        started_on=started_on,
        ended_on=ended_on,
        exclude=period,
    )
    period.started_on, period.ended_on = started_on, ended_on
    period._history_user = changed_by
    period.full_clean()
    period.save()
    return period


@transaction.atomic
def remove_case_programme(*, period: CaseProgramme, removed_by: User) -> None:
    """Remove a period entered by mistake (the history keeps it, with who removed it)."""
    ensure_open(period.case)
    period._history_user = removed_by
    period.delete()


@transaction.atomic
def save_programme(
    *, programme: Programme, changed_by: User, expected_version: int | None = None
) -> Programme:
    """Create or change a programme tag (functioneel beheer)."""
    if programme.pk is not None:
        claim_version(programme, expected_version=expected_version)
    programme._history_user = changed_by
    programme.full_clean()
    programme.save()
    return programme
