"""Every write of the risk app (CONVENTIONS rule 4): keyword-only, atomic, with history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from risk.models import Assessment, Domain, FlagKind, FlagScope, Instrument, SafetyFlag, Score
from zvhd.network.models import Organisation, User
from zvhd.versions import claim_version


def _check_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(
            _("Deze casus is afgesloten: er kan niets meer aan worden toegevoegd.")
        )


@transaction.atomic
def record_assessment(
    *,
    case: Case,
    recorded_by: User,
    instrument: Instrument,
    assessed_on: date,
    assessor: str,
    organisation: Organisation,
    scores: dict[int, int],
    level: str,
    next_review_on: date,
    notes: str = "",
) -> Assessment:
    """An assessment with a score for every active domain of the instrument, each within its
    scale, and a review date after the assessment. Refused with the field that is wrong."""
    _check_open(case)
    errors: dict[str, str] = {}
    if not instrument.active:
        errors["instrument"] = _("Dit instrument is niet meer in gebruik.")
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = _("De datum van de taxatie ligt in de toekomst.")
    if next_review_on <= assessed_on:
        errors["next_review_on"] = _("De herbeoordeling moet na de datum van de taxatie liggen.")
    domains = list(instrument.domains.filter(active=True))
    for domain in domains:
        value = scores.get(domain.pk)
        field = f"score_{domain.pk}"
        if value is None:
            errors[field] = _("Vul een score in voor %(domain)s.") % {"domain": domain.name}
        elif not instrument.scale_min <= value <= instrument.scale_max:
            errors[field] = _("De score moet tussen %(min)s en %(max)s liggen.") % {
                "min": instrument.scale_min,
                "max": instrument.scale_max,
            }
    if errors:
        raise ValidationError(errors)
    assessment = Assessment(
        case=case,
        instrument=instrument,
        assessed_on=assessed_on,
        assessor=assessor,
        organisation=organisation,
        level=level,
        next_review_on=next_review_on,
        notes=notes,
        recorded_by=recorded_by,
    )
    assessment._history_user = recorded_by
    assessment.full_clean()
    assessment.save()
    for domain in domains:
        score = Score(assessment=assessment, domain=domain, score=scores[domain.pk])
        score._history_user = recorded_by
        score.save()
    return assessment


@transaction.atomic
def set_flag(
    *, case: Case, set_by: User, kind: FlagKind, scope: str, note: str = "", set_on=None
) -> SafetyFlag:
    _check_open(case)
    if not kind.active:
        raise ValidationError({"kind": _("Dit signaal is niet meer in gebruik.")})
    flag = SafetyFlag(
        case=case,
        person_id=case.person_id if scope == FlagScope.PERSON else None,
        kind=kind,
        scope=scope,
        note=note,
        set_on=set_on or timezone.localdate(),
        set_by=set_by,
    )
    flag._history_user = set_by
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def lift_flag(*, flag: SafetyFlag, lifted_by: User, reason: str) -> SafetyFlag:
    if flag.lifted_on is not None:
        raise ValidationError(_("Dit signaal is al opgeheven."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van opheffen.")})
    flag.lifted_on = timezone.localdate()
    flag.lifted_by = lifted_by
    flag.lift_reason = reason.strip()
    flag._history_user = lifted_by
    flag.save()
    return flag


def parse_domains(text: str) -> list[tuple[str, str]]:
    """ "Naam | toelichting" per line (toelichting optional)."""
    found = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _sep, guidance = line.partition("|")
        found.append((name.strip()[:150], guidance.strip()[:500]))
    return found


@transaction.atomic
def save_instrument(
    *,
    instrument: Instrument | None,
    saved_by: User,
    name: str,
    guidance: str,
    scale_min: int,
    scale_max: int,
    active: bool,
    domains: list[tuple[str, str]],
    expected_version: int | None = None,
) -> Instrument:
    """Create or change an instrument. Its scale cannot change once assessments use it (their
    scores would fall outside it); a domain in use is retired, not deleted."""
    errors: dict[str, str] = {}
    if scale_max <= scale_min:
        errors["scale_max"] = _("De hoogste score moet boven de laagste liggen.")
    if not domains:
        errors["domains"] = _("Geef ten minste één domein.")
    names = [n for n, _g in domains]
    if len({n.casefold() for n in names}) != len(names):
        errors["domains"] = _("Elk domein mag maar één keer voorkomen.")
    if any(not n for n in names):
        errors["domains"] = _("Elk domein heeft een naam (vóór de |).")
    if instrument is not None and instrument.pk:
        claim_version(instrument, expected_version=expected_version)
        used = Assessment.objects.filter(instrument=instrument).exists()
        if used and (scale_min, scale_max) != (instrument.scale_min, instrument.scale_max):
            stored = Instrument.objects.get(pk=instrument.pk)
            if (scale_min, scale_max) != (stored.scale_min, stored.scale_max):
                errors["scale_min"] = _(
                    "Er zijn al taxaties met dit instrument: de schaal kan niet meer veranderen. "
                    "Maak een nieuw instrument."
                )
    if errors:
        raise ValidationError(errors)
    instrument = instrument or Instrument()
    instrument.name = name
    instrument.guidance = guidance
    instrument.scale_min = scale_min
    instrument.scale_max = scale_max
    instrument.active = active
    instrument._history_user = saved_by
    instrument.full_clean()
    instrument.save()
    existing = {d.name.casefold(): d for d in instrument.domains.all()}
    keep = set()
    for order, (dname, dguidance) in enumerate(domains, start=1):
        domain = existing.get(dname.casefold()) or Domain(instrument=instrument)
        domain.name, domain.guidance, domain.order, domain.active = dname, dguidance, order, True
        domain._history_user = saved_by
        domain.save()
        keep.add(domain.pk)
    for domain in existing.values():
        if domain.pk in keep:
            continue
        if Score.objects.filter(domain=domain).exists():
            domain.active = False
            domain._history_user = saved_by
            domain.save()
        else:
            domain.delete()
    return instrument


@transaction.atomic
def save_flag_kind(
    *,
    kind: FlagKind | None,
    saved_by: User,
    name: str,
    description: str,
    order: int,
    active: bool,
    expected_version: int | None = None,
) -> FlagKind:
    if kind is not None and kind.pk:
        claim_version(kind, expected_version=expected_version)
    kind = kind or FlagKind()
    if FlagKind.objects.filter(name__iexact=name).exclude(pk=kind.pk).exists():
        raise ValidationError({"name": _("Er is al een signaal met deze naam.")})
    kind.name, kind.description, kind.order, kind.active = name, description, order, active
    kind._history_user = saved_by
    kind.full_clean()
    kind.save()
    return kind
