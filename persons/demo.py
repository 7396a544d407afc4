"""Demo data for the person register: the same person registered twice, as happens in practice.

The other apps' demos register their persons through their own services, and the register
makes one person per BSN, or per name and birth date without a BSN. What it cannot see is a
second registration typed a little differently: "Jansen" for "Janssen", "Yilmaz" for
"Yılmaz", "Sanne Berg" for "Sanne van den Berg", without the BSN the first one had. So once
every app has seeded (`after_seed`), this demo retypes a handful of their records as such a
second registration of a person already there (the record's own copy of what was typed and its
register person alike, each save in the history with the reason below), across cases, aftercare
and the trafficking register. The duplicates page then has real work, and one merge waits for a
second person's approval (four eyes): proposed by the functioneel beheerder, for the manager.

The persons app imports no other app (tests/zvhd/test_import_graph.py): the records are reached
through the record kinds the apps registered (`persons.registry`). Safe to run twice: nothing
is retyped once the register's history holds the reason below.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from persons import services
from persons.models import MergeProposal, Person
from persons.registry import kinds

REASON = "Demogegevens: tweede registratie van een persoon die al bekend was"

# The name fields of each kind's record (its own copy of what was typed).
NAME_FIELDS = {
    "cases.person": ("first_name", "last_name"),
    "aftercare.aftercarerecord": ("first_names", "last_name"),
    "trafficking.signal": ("first_name", "last_name"),
}


@dataclass(frozen=True)
class Twin:
    """One person registered twice: `first` as the record that was there (kind, first name,
    last name), `second` as the later registration with its slip, same birth date."""

    first: tuple[str, str, str]
    second: tuple[str, str, str]
    gender: str
    proposal: str = ""  # a merge proposed by the beheerder, awaiting a second person


TWINS = (
    Twin(("cases", "Emre", "Yılmaz"), ("cases", "Emre", "Yilmaz"), "man"),
    Twin(("aftercare", "Mohamed", "El Amrani"), ("cases", "Mohammed", "el Amrani"), "man"),
    Twin(
        ("cases", "Kevin", "Janssen"),
        ("cases", "Kevin", "Jansen"),
        "man",
        proposal=(
            "Zelfde geboortedatum en hetzelfde adres in Emmen; bij de tweede aanmelding is de "
            "achternaam met één s geschreven. Navraag bij de aanmelder bevestigt dat het om "
            "dezelfde persoon gaat."
        ),
    ),
    Twin(("aftercare", "Sanne", "Berg"), ("cases", "Sanne", "van den Berg"), "vrouw"),
    Twin(("trafficking", "Ana", "Popescu"), ("cases", "Anna", "Popescu"), "vrouw"),
)


def _pointers() -> dict[str, tuple]:
    return {kind.key: kind.pointers[0] for kind in kinds() if kind.pointers}


def _busy_persons(pointers) -> set[int]:
    """Register persons not to retype: with more than one record, or in a merge already."""
    seen: dict[int, int] = {}
    for model, field in pointers.values():
        for pk in model._base_manager.exclude(**{field: None}).values_list(field, flat=True):
            seen[pk] = seen.get(pk, 0) + 1
    busy = {pk for pk, count in seen.items() if count > 1}
    for survivor, merged in MergeProposal.objects.values_list("survivor", "merged"):
        busy |= {survivor, merged}
    busy |= set(Person.objects.exclude(merged_into=None).values_list("pk", flat=True))
    busy |= set(Person.objects.exclude(merged_into=None).values_list("merged_into", flat=True))
    return busy


def _pick(kind: str, pointers, busy: set[int], *, gender: str, born: date | None):
    """The first record of `kind` fit to be retyped: its register person has no other record,
    an adult long enough that a retyped birth date keeps every case an adult's."""
    model, field = pointers[kind]
    adult = timezone.localdate() - timedelta(days=25 * 366)
    rows = model._base_manager.exclude(**{field: None}).exclude(**{f"{field}__in": busy})
    if kind == "trafficking":
        # A signal keeps its own birth date: its age class and minor flag follow from it.
        rows = rows.filter(birth_date__lte=adult, gender=gender)
    elif born is None:
        rows = rows.filter(birth_date__lte=adult)
    if "gender" in {f.name for f in model._meta.get_fields()} and kind != "trafficking":
        rows = rows.filter(gender__in=[gender, "onbekend"])
    return rows.order_by("pk").first()


def _retype(record, *, first_name: str, last_name: str, born: date, gender: str) -> Person:
    first_field, last_field = NAME_FIELDS[record._meta.label_lower]
    setattr(record, first_field, first_name)
    setattr(record, last_field, last_name)
    record.birth_date = born
    if hasattr(record, "gender"):
        record.gender = gender
    record._change_reason = REASON
    record.save()
    person = record.registered_person
    person.first_name, person.last_name = first_name, last_name
    person.birth_date, person.gender = born, gender
    person._change_reason = REASON
    person.save()
    return person


def _proposer():
    """The demo's functioneel beheerder (the account `beheerder`, else the first with the role)."""
    from zvhd.network.models import Role, User

    staff = User.objects.filter(groups__name=Role.FUNCTIONEEL_BEHEERDER, is_active=True)
    return staff.filter(username="beheerder").first() or staff.order_by("pk").first()


def after_seed(*, stdout, rng) -> None:
    if Person.history.filter(history_change_reason=REASON).exists():
        stdout.write("Personen: de dubbele registraties bestaan al, niets toegevoegd.\n")
        return
    pointers = _pointers()
    busy = _busy_persons(pointers)
    beheerder = _proposer()
    made = proposed = 0
    for twin in TWINS:
        kind, first_name, last_name = twin.first
        anchor = _pick(kind, pointers, busy, gender=twin.gender, born=None)
        if anchor is None:
            continue
        busy.add(anchor.registered_person_id)
        second = _pick(twin.second[0], pointers, busy, gender=twin.gender, born=anchor.birth_date)
        if second is None:
            continue
        busy.add(second.registered_person_id)
        born = anchor.birth_date
        one = _retype(
            anchor, first_name=first_name, last_name=last_name, born=born, gender=twin.gender
        )
        _kind, first_name, last_name = twin.second
        two = _retype(
            second, first_name=first_name, last_name=last_name, born=born, gender=twin.gender
        )
        made += 1
        if twin.proposal and beheerder is not None:
            services.propose_merge(
                survivor=one, merged=two, reason=twin.proposal, proposed_by=beheerder
            )
            proposed += 1
    stdout.write(
        f"Personen: {made} personen twee keer geregistreerd; {proposed} voorstel tot "
        "samenvoegen wacht op een tweede beoordelaar.\n"
    )
