"""All writes of the finance app. Views and seed_demo call these; forms only validate input.

Each service is atomic: a bad input raises `FinanceError` (a ValidationError with a Dutch
message, optionally per field) before or instead of saving, so nothing is saved half.
Who did it is recorded through simple-history (`_history_user`) and, where the record has it,
its own `created_by` field.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from finance.distribution import Component, DistributionError, check_components
from finance.models import (
    YEAR_TRANSITIONS,
    Basis,
    BudgetAmendment,
    BudgetLine,
    DistributionKey,
    DocumentKind,
    FinanceDocument,
    FinanceYear,
    KeyComponent,
    LiaisonContribution,
    MovementKind,
    PlusTask,
    ReserveMovement,
    Side,
    StaffingLine,
    YearStatus,
)
from zvhd.jobs import enqueue_on_commit, mark_failed_to_queue
from zvhd.network.models import Municipality, Organisation, Population, User
from zvhd.versions import claim_version


class FinanceError(ValidationError):
    """Refused input; `message_dict` (when given per field) lets a form show it at the field."""


def _history(obj, user):
    obj._history_user = user
    return obj


def _whole_euros(value, *, field: str, allow_negative: bool = False) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise FinanceError({field: "Vul een bedrag in hele euro's in."}) from None
    if amount != amount.to_integral_value():
        raise FinanceError({field: "Vul een bedrag in hele euro's in, zonder centen."})
    if amount < 0 and not allow_negative:
        raise FinanceError({field: "Een negatief bedrag is hier niet toegestaan."})
    return amount


def _ensure_editable(year: FinanceYear) -> None:
    if year.status == YearStatus.ADOPTED:
        raise FinanceError(
            f"{year.year} is vastgesteld en kan niet meer worden gewijzigd; zet het jaar eerst "
            "terug naar concept (met een reden)."
        )


# ---------------------------------------------------------------------------------------------
# Years


@transaction.atomic
def create_year(
    *,
    year: int,
    created_by: User,
    indexation_pct: Decimal | None = None,
    distribution_key: DistributionKey | None = None,
    municipal_total: Decimal | int | None = None,
    population_year: int | None = None,
    reserve_opening: Decimal | int | None = None,
    notes: str = "",
) -> FinanceYear:
    if FinanceYear.objects.filter(year=year).exists():
        raise FinanceError({"year": f"Het jaar {year} bestaat al."})
    finance_year = FinanceYear(year=year)
    return _save_year(
        finance_year,
        changed_by=created_by,
        indexation_pct=indexation_pct,
        distribution_key=distribution_key,
        municipal_total=municipal_total,
        population_year=population_year,
        reserve_opening=reserve_opening,
        notes=notes,
    )


@transaction.atomic
def update_year(
    *,
    finance_year: FinanceYear,
    changed_by: User,
    indexation_pct: Decimal | None,
    distribution_key: DistributionKey | None,
    municipal_total: Decimal | int | None,
    population_year: int | None,
    reserve_opening: Decimal | int | None,
    notes: str = "",
    expected_version: int | None = None,
) -> FinanceYear:
    """The year's figures; a save on an older version than stored is refused (EditConflict)."""
    claim_version(finance_year, expected_version=expected_version)
    _ensure_editable(finance_year)
    return _save_year(
        finance_year,
        changed_by=changed_by,
        indexation_pct=indexation_pct,
        distribution_key=distribution_key,
        municipal_total=municipal_total,
        population_year=population_year,
        reserve_opening=reserve_opening,
        notes=notes,
    )


def _save_year(finance_year, *, changed_by, **values) -> FinanceYear:
    values["municipal_total"] = _whole_euros(values["municipal_total"], field="municipal_total")
    values["reserve_opening"] = _whole_euros(
        values["reserve_opening"], field="reserve_opening", allow_negative=True
    )
    for name, value in values.items():
        setattr(finance_year, name, value)
    finance_year.full_clean()
    _history(finance_year, changed_by).save()
    return finance_year


@transaction.atomic
def change_year_status(
    *, finance_year: FinanceYear, to: str, changed_by: User, reason: str
) -> FinanceYear:
    """Adopt (vaststellen) or reopen a year; adopting checks the contributions can be made."""
    if to not in YEAR_TRANSITIONS.get(finance_year.status, set()):
        raise FinanceError(
            f"Van {finance_year.get_status_display()} naar {YearStatus(to).label} kan niet."
        )
    if not reason.strip():
        raise FinanceError({"reason": "Geef een reden op."})
    if to == YearStatus.ADOPTED:
        from finance.figures import amounts_for

        locked = FinanceYear.objects.for_contributions().get(pk=finance_year.pk)
        try:
            amounts_for(locked, list(Municipality.objects.order_by("name")))
        except DistributionError as exc:
            raise FinanceError(f"Vaststellen kan nog niet: {exc}") from None
    _freeze_or_free_aftercare_buyers(
        finance_year, adopted=to == YearStatus.ADOPTED, user=changed_by
    )
    finance_year.status = to
    finance_year.status_changed_at = timezone.now()
    finance_year.status_changed_by = changed_by
    finance_year.status_reason = reason.strip()[:300]
    _history(finance_year, changed_by).save()
    return finance_year


def _freeze_or_free_aftercare_buyers(finance_year: FinanceYear, *, adopted: bool, user) -> None:
    """Adopting copies the aftercare participation of this moment into the plus task that follows
    it, so the adopted contributions never move with a later change in participation;
    reopening lets the task follow participation again (and hold no buyers of its own)."""
    for task in finance_year.plus_tasks.filter(follows_aftercare=True):
        buyers = task.buyers() if adopted else []
        task._history_user = user
        task.municipalities.set(buyers)


def _indexed(amount, factor):
    if amount is None:
        return None
    return (amount * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)


@transaction.atomic
def draft_next_year(
    *, source: FinanceYear, indexation_pct: Decimal, created_by: User
) -> FinanceYear:
    """A concept for the next year: every line indexed, rounded to whole euros (half up).

    Group lines carry no amounts (they are the sum of their sub-lines), so indexing the leaves
    indexes the groups. The key, plus tasks (indexed), liaisons and staffing are copied as a
    starting point; amendments, realisation and reserve movements are not: they belong to
    the year they happened in.
    """
    try:
        pct = Decimal(str(indexation_pct))
    except InvalidOperation:
        raise FinanceError(
            {"indexation_pct": "Vul een percentage in, bijvoorbeeld 4,18."}
        ) from None
    if pct < -50 or pct > 50:
        raise FinanceError({"indexation_pct": "Een indexatie tussen -50 % en 50 % graag."})
    factor = 1 + pct / 100
    target = source.year + 1
    if FinanceYear.objects.filter(year=target).exists():
        raise FinanceError(f"Er is al een begroting voor {target}.")
    draft = create_year(
        year=target,
        created_by=created_by,
        indexation_pct=pct,
        distribution_key=source.distribution_key,
        municipal_total=_indexed(source.municipal_total, factor),
        population_year=source.population_year + 1 if source.population_year else None,
        notes=f"Concept, afgeleid van {source.year} met {pct} % indexatie.",
    )
    copies: dict[int, BudgetLine] = {}
    # Top-level lines first, so every sub-line finds its copied parent (NULL sorts last on
    # PostgreSQL and first on SQLite, so ordering by parent_id alone is not enough).
    ordered = source.lines.order_by(F("parent_id").asc(nulls_first=True), "position", "pk")
    for line in ordered:
        copy = BudgetLine(
            year=draft,
            side=line.side,
            parent=copies.get(line.parent_id),
            name=line.name,
            position=line.position,
            original=_indexed(line.original, factor),
            note=line.note,
        )
        _history(copy, created_by).save()
        copies[line.pk] = copy
    for task in source.plus_tasks.prefetch_related("municipalities"):
        new = _history(
            PlusTask(
                year=draft,
                name=task.name,
                amount=_indexed(task.amount, factor),
                basis=task.basis,
                follows_aftercare=task.follows_aftercare,
            ),
            created_by,
        )
        new.save()
        if not task.follows_aftercare:  # that one follows the participation of its own year
            new.municipalities.set(task.municipalities.all())
    for liaison in source.liaisons.all():
        _history(
            LiaisonContribution(
                year=draft,
                organisation_id=liaison.organisation_id,
                label=liaison.label,
                amount=liaison.amount,
                fte=liaison.fte,
            ),
            created_by,
        ).save()
    for staff in source.staffing.all():
        _history(
            StaffingLine(year=draft, function=staff.function, fte=staff.fte), created_by
        ).save()
    return draft


# ---------------------------------------------------------------------------------------------
# Budget lines


@transaction.atomic
def add_budget_line(
    *,
    year: FinanceYear,
    side: str,
    name: str,
    created_by: User,
    parent: BudgetLine | None = None,
    original=None,
    realised=None,
    position: int | None = None,
    note: str = "",
) -> BudgetLine:
    _ensure_editable(year)
    if side not in Side.values:
        raise FinanceError({"side": "Kies kosten of inkomsten."})
    if parent is not None:
        if parent.year_id != year.pk or parent.side != side:
            raise FinanceError(
                {"parent": "Een subregel hoort bij een regel van hetzelfde jaar en soort."}
            )
        if parent.parent_id:
            raise FinanceError({"parent": "Een subregel kan zelf geen subregels hebben."})
        if parent.original is not None or parent.realised is not None:
            raise FinanceError(
                {
                    "parent": f"‘{parent.name}’ heeft zelf bedragen; een groep is de som van haar "
                    "subregels. Maak de bedragen van die regel eerst leeg."
                }
            )
    if position is None:
        position = (year.lines.filter(side=side, parent=parent).count() + 1) * 10
    line = BudgetLine(
        year=year,
        side=side,
        parent=parent,
        name=name.strip(),
        position=position,
        original=_whole_euros(original, field="original"),
        realised=_whole_euros(realised, field="realised"),
        note=note,
    )
    line.full_clean()
    _history(line, created_by).save()
    return line


@transaction.atomic
def change_budget_line(
    *, line: BudgetLine, changed_by: User, name: str, original, realised, note: str = ""
) -> BudgetLine:
    """Realisation may still be entered on an adopted year (the accounts come after it)."""
    original = _whole_euros(original, field="original")
    realised = _whole_euros(realised, field="realised")
    if line.year.is_adopted and (name.strip() != line.name or original != line.original):
        _ensure_editable(line.year)
    if line.children.exists() and (original is not None or realised is not None):
        raise FinanceError(
            {"original": "Deze regel is een groep: de bedragen zijn de som van de subregels."}
        )
    line.name = name.strip()
    line.original = original
    line.realised = realised
    line.note = note
    line.full_clean()
    _history(line, changed_by).save()
    return line


@transaction.atomic
def amend_budget_line(
    *, line: BudgetLine, date: date, amount, reason: str, created_by: User
) -> BudgetAmendment:
    """A begrotingswijziging: allowed on an adopted year too, that is what it is for."""
    amount = _whole_euros(amount, field="amount", allow_negative=True)
    if amount is None or amount == 0:
        raise FinanceError({"amount": "Vul het bedrag van de wijziging in (mag negatief zijn)."})
    if not reason.strip():
        raise FinanceError({"reason": "Geef de reden van de wijziging op."})
    if line.children.exists():
        raise FinanceError({"amount": "Wijzig een subregel; een groep is de som daarvan."})
    current = (line.original or 0) + sum(a.amount for a in line.amendments.all())
    if line.side == Side.COST and current + amount < 0:
        raise FinanceError(
            {"amount": "Na deze wijziging zou de begroting van de regel negatief zijn."}
        )
    amendment = BudgetAmendment(
        line=line, date=date, amount=amount, reason=reason.strip(), created_by=created_by
    )
    _history(amendment, created_by).save()
    return amendment


# ---------------------------------------------------------------------------------------------
# Reserve, plus tasks, liaisons, staffing


@transaction.atomic
def record_reserve_movement(
    *, year: FinanceYear, kind: str, amount, purpose: str, date: date, created_by: User
) -> ReserveMovement:
    amount = _whole_euros(amount, field="amount")
    if not amount:
        raise FinanceError({"amount": "Vul een bedrag groter dan nul in."})
    if kind not in MovementKind.values:
        raise FinanceError({"kind": "Kies toevoeging of onttrekking."})
    if not purpose.strip():
        raise FinanceError({"purpose": "Geef het doel van de mutatie op."})
    movement = ReserveMovement(
        year=year,
        kind=kind,
        amount=amount,
        purpose=purpose.strip(),
        date=date,
        created_by=created_by,
    )
    _history(movement, created_by).save()
    return movement


@transaction.atomic
def save_plus_task(
    *,
    year: FinanceYear,
    name: str,
    amount,
    municipalities=(),
    changed_by: User,
    basis: str = Basis.EQUAL,
    follows_aftercare: bool = False,
    task: PlusTask | None = None,
) -> PlusTask:
    """A plus task of a draft year. One that `follows_aftercare` takes its buyers from the
    aftercare participation of the year (stored there once), so it takes none here."""
    _ensure_editable(year)
    amount = _whole_euros(amount, field="amount")
    municipalities = [] if follows_aftercare else list(municipalities or ())
    if not municipalities and not follows_aftercare:
        raise FinanceError({"municipalities": "Kies de gemeenten die deze plustaak afnemen."})
    if basis == Basis.INHABITANTS and not year.population_year:
        raise FinanceError(
            {
                "basis": "Verdelen naar inwoners kan pas als het jaar van de inwonertallen "
                "is gekozen."
            }
        )
    task = task or PlusTask(year=year)
    task.name, task.amount, task.basis = name.strip(), amount or Decimal(0), basis
    task.follows_aftercare = follows_aftercare
    task.full_clean()
    _history(task, changed_by).save()
    task.municipalities.set(municipalities)
    return task


@transaction.atomic
def add_liaison(
    *, year: FinanceYear, organisation: Organisation, label: str, amount, changed_by: User, fte=None
) -> LiaisonContribution:
    liaison = LiaisonContribution(
        year=year,
        organisation=organisation,
        label=label.strip(),
        amount=_whole_euros(amount, field="amount") or Decimal(0),
        fte=fte,
    )
    liaison.full_clean()
    _history(liaison, changed_by).save()
    return liaison


@transaction.atomic
def set_staffing(*, year: FinanceYear, function: str, fte, changed_by: User) -> StaffingLine:
    try:
        fte = Decimal(str(fte))
    except InvalidOperation:
        raise FinanceError({"fte": "Vul het aantal fte in, bijvoorbeeld 0,89."}) from None
    if fte < 0:
        raise FinanceError({"fte": "Een negatief aantal fte is niet mogelijk."})
    line = StaffingLine.objects.filter(year=year, function=function.strip()).first()
    line = line or StaffingLine(year=year, function=function.strip())
    line.fte = fte
    line.full_clean()
    _history(line, changed_by).save()
    return line


# ---------------------------------------------------------------------------------------------
# Distribution keys


@dataclass(frozen=True)
class ComponentSpec:
    share_pct: Decimal
    basis: str
    municipalities: list  # Municipality objects
    label: str = ""


@transaction.atomic
def save_distribution_key(
    *,
    name: str,
    components: list[ComponentSpec],
    changed_by: User,
    description: str = "",
    key: DistributionKey | None = None,
    expected_version: int | None = None,
) -> DistributionKey:
    """Create a key or replace its components, all or nothing. Changing a key opened on an
    older version than stored is refused (EditConflict)."""
    if key is not None:
        claim_version(key, expected_version=expected_version)
    names = {}
    engine = []
    for number, spec in enumerate(components, start=1):
        members = []
        for municipality in spec.municipalities:
            names[municipality.pk] = municipality.name
            members.append(municipality.pk)
        engine.append(
            Component(
                spec.share_pct, spec.basis, tuple(members), spec.label or f"onderdeel {number}"
            )
        )
    try:
        check_components(engine, names=names)
    except DistributionError as exc:
        raise FinanceError(str(exc)) from None
    if key is not None and key.years.filter(status=YearStatus.ADOPTED).exists():
        raise FinanceError(
            "Deze verdeelsleutel is gebruikt in een vastgesteld jaar; maak een nieuwe sleutel, "
            "zodat de vastgestelde bijdragen niet veranderen."
        )
    if (
        DistributionKey.objects.filter(name=name.strip())
        .exclude(pk=getattr(key, "pk", None))
        .exists()
    ):
        raise FinanceError({"name": "Er is al een verdeelsleutel met deze naam."})
    key = key or DistributionKey()
    key.name, key.description = name.strip(), description
    key.full_clean()
    _history(key, changed_by).save()
    for old in key.components.all():
        _history(old, changed_by).delete()
    for position, spec in enumerate(components, start=1):
        component = KeyComponent(
            key=key, position=position, label=spec.label, share_pct=spec.share_pct, basis=spec.basis
        )
        component.full_clean(exclude=["key"])
        _history(component, changed_by).save()
        component.municipalities.set(spec.municipalities)
    return key


# ---------------------------------------------------------------------------------------------
# Inhabitants (the house's Population model; finance is the app that enters them)


@transaction.atomic
def set_inhabitants(*, year: int, figures: dict, source: str, changed_by: User) -> int:
    """figures: {Municipality: inhabitants}. Returns the number of municipalities written."""
    if year < 1990 or year > 2100:
        raise FinanceError({"year": "Vul een geldig jaar in."})
    written = 0
    for municipality, inhabitants in figures.items():
        if inhabitants in (None, ""):
            continue
        if int(inhabitants) < 1:
            raise FinanceError(f"Het aantal inwoners van {municipality} moet groter zijn dan 0.")
        population = Population.objects.filter(municipality=municipality, year=year).first()
        population = population or Population(municipality=municipality, year=year)
        population.inhabitants = int(inhabitants)
        population.source = source[:200]
        _history(population, changed_by).save()
        written += 1
    return written


CSV_HELP = "gemeente;jaar;inwoners (gemeente als naam of CBS-code, bv. GM0106)"


@transaction.atomic
def import_inhabitants_csv(*, text: str, changed_by: User, source: str = "CSV-import") -> int:
    """Read `gemeente;jaar;inwoners` lines (comma also accepted); all lines or none.

    Every problem is collected with its line number, so the user can fix the file in one go.
    """
    if not text.strip():
        raise FinanceError({"file": "Het bestand is leeg."})
    dialect = ";" if text.count(";") >= text.count(",") else ","
    by_name = {m.name.lower(): m for m in Municipality.objects.all()}
    by_code = {m.cbs_code.lower(): m for m in by_name.values()}
    rows = list(csv.reader(io.StringIO(text), delimiter=dialect))
    errors, figures = [], {}
    for number, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if number == 1 and cells[-1].lower() in ("inwoners", "aantal", "inwonertal"):
            continue
        if len(cells) != 3:
            errors.append(f"regel {number}: verwacht drie kolommen ({CSV_HELP})")
            continue
        name, year_text, count_text = cells
        municipality = by_name.get(name.lower()) or by_code.get(name.lower())
        if municipality is None:
            errors.append(f"regel {number}: onbekende gemeente ‘{name}’")
            continue
        try:
            year = int(year_text)
            count = int(count_text.replace(".", "").replace(" ", ""))
        except ValueError:
            errors.append(f"regel {number}: jaar en inwoners moeten hele getallen zijn")
            continue
        if count < 1:
            errors.append(f"regel {number}: het aantal inwoners moet groter zijn dan 0")
            continue
        if not 1990 <= year <= 2100:
            errors.append(f"regel {number}: onmogelijk jaar {year}")
            continue
        if (municipality, year) in figures:
            errors.append(f"regel {number}: {municipality} {year} staat er twee keer in")
            continue
        figures[(municipality, year)] = count
    if errors:
        raise FinanceError({"file": ["Er is niets ingelezen. " + "; ".join(errors[:10]) + "."]})
    if not figures:
        raise FinanceError({"file": "Het bestand bevat geen inwonertallen."})
    for (municipality, year), count in figures.items():
        set_inhabitants(
            year=year, figures={municipality: count}, source=source, changed_by=changed_by
        )
    return len(figures)


# ---------------------------------------------------------------------------------------------
# Documents (PDFs made by Celery, see tasks.py)


@transaction.atomic
def request_document(
    *, year: FinanceYear, kind: str, requested_by: User, municipality: Municipality | None = None
) -> FinanceDocument:
    if kind == DocumentKind.LETTER and municipality is None:
        raise FinanceError("Een bijdragebrief is voor één gemeente.")
    document = FinanceDocument(
        year=year, kind=kind, municipality=municipality, requested_by=requested_by
    )
    _history(document, requested_by).save()
    enqueue_on_commit(
        "finance.tasks.render_document",
        document.pk,
        on_failure=mark_failed_to_queue(FinanceDocument),
    )
    return document


@transaction.atomic
def request_letters(
    *, year: FinanceYear, requested_by: User, municipalities
) -> list[FinanceDocument]:
    """One contribution letter per municipality; refuses when the contributions cannot be made."""
    from finance.figures import amounts_for

    located = FinanceYear.objects.for_contributions().get(pk=year.pk)
    try:
        amounts_for(located, list(Municipality.objects.order_by("name")))
    except DistributionError as exc:
        raise FinanceError(f"De brieven kunnen nog niet worden gemaakt: {exc}") from None
    return [
        request_document(
            year=year, kind=DocumentKind.LETTER, requested_by=requested_by, municipality=m
        )
        for m in municipalities
    ]
