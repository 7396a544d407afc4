"""All writes on the person register (CONVENTIONS rule 4).

- `register_person(...)`: the register person for an app record being made: the same BSN is
  the same person; without a BSN on either side, the same name (keys) and birth date is;
  anything else is a new person. Apps call it when they create a record (cases.services,
  aftercare.services, trafficking.services); the data migration did the same for the records
  that existed before the register.
- links, names and addresses: household and system.
- merge (four eyes) and split, which move the app records (persons.registry pointers).
- `forget_orphans(ids)`: retention; a register person goes when nothing of theirs remains.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from persons.models import (
    MERGE_TRANSITIONS,
    Address,
    Link,
    MergeProposal,
    MergeStatus,
    Person,
    PersonName,
    validate_bsn,
    validate_not_future,
)
from persons.normalise import clean_bsn, first_name_key, last_name_key

log = logging.getLogger("zvhd.persons")


def _find_exact(*, bsn: str, first_name: str, last_name: str, birth_date: date | None):
    people = Person.objects.current()
    if bsn:
        found = people.filter(bsn=bsn).order_by("pk").first()
        if found:
            return found
    if not last_name or not birth_date:
        return None
    # Without a BSN: the same name keys and birth date, and no other BSN on the register side.
    return (
        people.filter(
            last_key=last_name_key(last_name),
            first_key=first_name_key(first_name),
            birth_date=birth_date,
        )
        .filter(bsn__in=["", bsn] if bsn else [""])
        .order_by("pk")
        .first()
    )


def register_person(
    *,
    first_name: str = "",
    last_name: str = "",
    birth_date: date | None = None,
    bsn: str = "",
    gender: str = "",
    address: dict | None = None,
    by=None,
) -> Person | None:
    """The register person for a new app record (found or made); None for an unknown person."""
    bsn = clean_bsn(bsn)
    if bsn:
        try:
            validate_bsn(bsn)
        except ValidationError as error:
            raise ValidationError({"bsn": error.messages}) from None
    if birth_date:
        try:
            validate_not_future(birth_date)
        except ValidationError as error:
            raise ValidationError({"birth_date": error.messages}) from None
    if not (bsn or (last_name and birth_date)):
        return None
    person = _find_exact(bsn=bsn, first_name=first_name, last_name=last_name, birth_date=birth_date)
    new = person is None
    if new:
        person = Person(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            birth_date=birth_date,
            bsn=bsn,
            gender=gender or "onbekend",
        )
        person._history_user = by
        person.full_clean()
        person.save()
    else:
        changed = False
        if bsn and not person.bsn:
            person.bsn, changed = bsn, True
        if birth_date and not person.birth_date:
            person.birth_date, changed = birth_date, True
        if changed:
            person._history_user = by
            person.save()
    if address and any(address.get(k) for k in ("address", "postcode", "city")):
        latest = None if new else person.addresses.first()
        values = {k: address.get(k) or "" for k in ("address", "postcode", "city")}
        if latest is None or {k: getattr(latest, k) for k in values} != values:
            row = Address(
                person=person,
                municipality=address.get("municipality"),
                valid_from=address.get("valid_from") or timezone.localdate(),
                **values,
            )
            row._history_user = by
            row.save()
    return person


def register_many(identities: list[dict], *, by=None) -> list[Person | None]:
    """`register_person` for a whole import at once: two reads and one bulk write (with
    history), the same rule (same BSN; same name and birth date without BSN), and rows of the
    import that are the same person become one register person too."""
    from simple_history.utils import bulk_create_with_history

    rows = []
    for identity in identities:
        bsn = clean_bsn(identity.get("bsn", ""))
        last, born = identity.get("last_name") or "", identity.get("birth_date")
        key = (first_name_key(identity.get("first_name") or ""), last_name_key(last), born)
        rows.append((bsn, key, identity, bool(bsn or (last and born))))
    people = Person.objects.current()
    by_bsn = {
        p.bsn: p for p in people.filter(bsn__in={bsn for bsn, *_ in rows if bsn}).order_by("-pk")
    }
    by_key = {
        (p.first_key, p.last_key, p.birth_date): p
        for p in people.filter(bsn="", birth_date__in={k[2] for _, k, *_ in rows if k[2]}).order_by(
            "-pk"
        )
    }
    new, result = [], []
    for bsn, key, identity, known in rows:
        if not known:
            result.append(None)
            continue
        person = by_bsn.get(bsn) if bsn else by_key.get(key)
        if person is None:
            person = Person(
                first_name=(identity.get("first_name") or "").strip(),
                last_name=(identity.get("last_name") or "").strip(),
                birth_date=key[2],
                bsn=bsn,
                gender=identity.get("gender") or "onbekend",
                first_key=key[0][:150],
                last_key=key[1][:150],
            )
            new.append(person)
            if bsn:
                by_bsn[bsn] = person
            else:
                by_key[key] = person
        result.append(person)
    if new:
        bulk_create_with_history(new, Person, batch_size=1000, default_user=by)
    return result


# ---------------------------------------------------------------------------------------------
# Household and system


@transaction.atomic
def add_link(*, person: Person, other: Person, relation: str, note: str = "", by) -> Link:
    if person.pk == other.pk:
        raise ValidationError({"other": _("Een persoon kan geen relatie met zichzelf hebben.")})
    existing = (
        Link.objects.filter(person=other, other=person).first()
        or Link.objects.filter(person=person, other=other).first()
    )
    if existing:
        raise ValidationError({"other": _("Deze twee personen zijn al aan elkaar gekoppeld.")})
    link = Link(person=person, other=other, relation=relation, note=note.strip(), created_by=by)
    link._history_user = by
    link.full_clean()
    link.save()
    return link


@transaction.atomic
def remove_link(*, link: Link, by) -> None:
    link._history_user = by
    link.delete()


@transaction.atomic
def add_name(*, person: Person, kind: str, first_name: str, last_name: str, by) -> PersonName:
    name = PersonName(
        person=person, kind=kind, first_name=first_name.strip(), last_name=last_name.strip()
    )
    name._history_user = by
    name.full_clean()
    name.save()
    return name


@transaction.atomic
def add_address(*, person: Person, by, **values) -> Address:
    row = Address(person=person, **values)
    row._history_user = by
    row.full_clean()
    row.save()
    return row


# ---------------------------------------------------------------------------------------------
# Duplicates, merge (four eyes) and split


class MergeRefused(ValidationError):
    pass


def _check_merge(*, survivor: Person, merged: Person, user) -> None:
    from persons.policy import DEDUPE

    if survivor.pk == merged.pk:
        raise MergeRefused(_("Een persoon kan niet met zichzelf worden samengevoegd."), code="self")
    if survivor.merged_into_id or merged.merged_into_id:
        raise MergeRefused(
            _(
                "Een van beide personen is al samengevoegd met een ander; "
                "kies de overgebleven persoon."
            ),
            code="merged",
        )
    allowed = Person.objects.visible_to(user, DEDUPE).filter(pk__in=[survivor.pk, merged.pk])
    if allowed.count() != 2:
        raise MergeRefused(
            _(
                "Deze samenvoeging kan niet: een van beide personen staat in een register "
                "waarvan u de namen niet mag zien. Er is niets samengevoegd."
            ),
            code="hidden",
        )
    if survivor.bsn and merged.bsn and survivor.bsn != merged.bsn:
        raise MergeRefused(
            _("Deze personen hebben een verschillend BSN en zijn dus niet dezelfde persoon."),
            code="bsn",
        )


def _status(proposal: MergeProposal, to: str) -> None:
    if to not in MERGE_TRANSITIONS[proposal.status]:
        raise MergeRefused(
            _("Deze samenvoeging is al %(status)s.")
            % {"status": MergeStatus(proposal.status).label.lower()},
            code="status",
        )
    proposal.status = to


@transaction.atomic
def propose_merge(*, survivor: Person, merged: Person, reason: str, proposed_by) -> MergeProposal:
    _check_merge(survivor=survivor, merged=merged, user=proposed_by)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom dit dezelfde persoon is.")})
    open_one = MergeProposal.objects.filter(
        status=MergeStatus.PROPOSED, survivor__in=[survivor, merged], merged__in=[survivor, merged]
    ).exists()
    if open_one:
        raise MergeRefused(_("Voor deze twee personen staat al een voorstel open."), code="open")
    proposal = MergeProposal(
        survivor=survivor, merged=merged, reason=reason.strip(), proposed_by=proposed_by
    )
    proposal._history_user = proposed_by
    proposal.full_clean()
    proposal.save()
    return proposal


def _move(*, source: Person, target: Person, only: dict | None = None, by, reason: str) -> dict:
    """Point the app records (and links, names, addresses) of `source` to `target`, row by row
    so every record's history shows the move. `only`: the pks per model label (a split)."""
    from persons.registry import pointers

    moved: dict[str, list[int]] = {}
    targets = [(model._meta.label_lower, model, name) for model, name in pointers()]
    targets += [
        ("persons.personname", PersonName, "person"),
        ("persons.address", Address, "person"),
        ("persons.link", Link, "person"),
        ("persons.link:other", Link, "other"),
    ]
    for label, model, name in targets:
        qs = model._base_manager.filter(**{name: source})
        if only is not None:
            qs = model._base_manager.filter(pk__in=only.get(label, []))
        pks = []
        for row in qs.order_by("pk"):
            setattr(row, name, target)
            row._history_user = by
            row._change_reason = reason
            row.save()
            pks.append(row.pk)
        if pks:
            moved[label] = pks
    return moved


@transaction.atomic
def approve_merge(*, proposal: MergeProposal, approved_by) -> MergeProposal:
    proposal = MergeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.proposed_by_id == approved_by.pk:
        raise MergeRefused(
            _("Een samenvoeging keurt een ander goed dan wie haar voorstelde (vier ogen)."),
            code="four_eyes",
        )
    survivor, merged = proposal.survivor, proposal.merged
    _check_merge(survivor=survivor, merged=merged, user=approved_by)
    _status(proposal, MergeStatus.MERGED)
    reason = _("Samengevoegd (voorstel %(pk)s)") % {"pk": proposal.pk}
    proposal.moved = _move(source=merged, target=survivor, by=approved_by, reason=reason)
    # The merged person's names live on as an earlier name of the survivor, for the matcher.
    if merged.last_name and (merged.last_key, merged.first_key) != (
        survivor.last_key,
        survivor.first_key,
    ):
        name = add_name(
            person=survivor,
            kind="eerder",
            first_name=merged.first_name,
            last_name=merged.last_name,
            by=approved_by,
        )
        proposal.moved["persons.personname:added"] = [name.pk]
    if merged.bsn and not survivor.bsn:
        survivor.bsn = merged.bsn
        proposal.moved["survivor:bsn"] = [1]
    if merged.birth_date and not survivor.birth_date:
        survivor.birth_date = merged.birth_date
        proposal.moved["survivor:birth_date"] = [1]
    survivor._history_user = approved_by
    survivor._change_reason = reason
    survivor.save()
    merged.merged_into = survivor
    merged._history_user = approved_by
    merged._change_reason = reason
    merged.save()
    proposal.decided_by = approved_by
    proposal.decided_at = timezone.now()
    proposal._history_user = approved_by
    proposal.save()
    return proposal


@transaction.atomic
def reject_merge(*, proposal: MergeProposal, rejected_by) -> MergeProposal:
    proposal = MergeProposal.objects.select_for_update().get(pk=proposal.pk)
    _status(proposal, MergeStatus.REJECTED)
    proposal.decided_by = rejected_by
    proposal.decided_at = timezone.now()
    proposal._history_user = rejected_by
    proposal.save()
    return proposal


@transaction.atomic
def split_merge(*, proposal: MergeProposal, split_by, reason: str) -> MergeProposal:
    """Undo a merge: exactly the records that moved go back; both persons keep their history."""
    proposal = MergeProposal.objects.select_for_update().get(pk=proposal.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Geef aan waarom de samenvoeging wordt teruggedraaid.")})
    _status(proposal, MergeStatus.SPLIT)
    survivor, merged = proposal.survivor, proposal.merged
    note = _("Gesplitst: %(reason)s") % {"reason": reason.strip()}
    moved = dict(proposal.moved)
    added = moved.pop("persons.personname:added", [])
    PersonName.objects.filter(pk__in=added, person=survivor).delete()
    if moved.pop("survivor:bsn", None):
        survivor.bsn = ""
    if moved.pop("survivor:birth_date", None):
        survivor.birth_date = None
    survivor._history_user = split_by
    survivor._change_reason = note
    survivor.save()
    _move(source=survivor, target=merged, only=moved, by=split_by, reason=note)
    merged.merged_into = None
    merged._history_user = split_by
    merged._change_reason = note
    merged.save()
    proposal.split_by = split_by
    proposal.split_at = timezone.now()
    proposal.split_reason = reason.strip()
    proposal._history_user = split_by
    proposal.save()
    return proposal


def log_refused_merge(*, request, error: ValidationError, survivor_id=None, merged_id=None) -> None:
    """A refused merge is logged: one access-log row (denied) and one log line, no names."""
    from zvhd.privacy.models import AccessAction
    from zvhd.privacy.services import log_access

    for pk in (survivor_id, merged_id):
        if pk:
            log_access(
                request=request,
                model=Person,
                object_id=pk,
                action=AccessAction.CHANGE,
                allowed=False,
            )
    code = getattr(error, "code", "") or "invalid"
    log.warning("merge refused", extra={"event": "merge_refused", "reason_code": code})


# ---------------------------------------------------------------------------------------------
# Duplicates


def likely_duplicates(*, user, limit: int = 50) -> list[tuple[Person, Person, float, list[str]]]:
    """Pairs of current persons that the matcher finds alike, best first, for the dedupe roles.

    Compared within a birth date (or its swapped day and month), so the work grows with the
    number of persons born on one day, not with the square of the register.
    """
    from django.db import connection

    from persons.policy import DEDUPE
    from persons.search import THRESHOLD

    visible = Person.objects.visible_to(user, DEDUPE).current()
    open_pairs = set(
        MergeProposal.objects.filter(
            status__in=[MergeStatus.PROPOSED, MergeStatus.REJECTED]
        ).values_list("survivor_id", "merged_id")
    )
    table = Person._meta.db_table
    sql = (
        f"SELECT a.id, b.id FROM {table} a JOIN {table} b ON a.id < b.id "  # noqa: S608
        "AND a.merged_into_id IS NULL AND b.merged_into_id IS NULL "
        "AND (a.bsn = b.bsn AND a.bsn <> '' OR (a.birth_date = b.birth_date "
        "AND similarity(a.last_key, b.last_key) >= 0.3)) "
        "ORDER BY a.id LIMIT 500"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        pairs = cursor.fetchall()
    ids = {pk for pair in pairs for pk in pair}
    people = {p.pk: p for p in visible.filter(pk__in=ids)}
    found = []
    for a, b in pairs:
        if a not in people or b not in people:
            continue
        if (a, b) in open_pairs or (b, a) in open_pairs:
            continue
        pa, pb = people[a], people[b]
        if pb.bsn and not pa.bsn:  # offered to stay: the one whose BSN is known
            pa, pb = pb, pa
        score, reasons = _pair_score(pa, pb)
        if score >= THRESHOLD:
            found.append((pa, pb, score, reasons))
    found.sort(key=lambda row: -row[2])
    return found[:limit]


def _pair_score(a: Person, b: Person) -> tuple[float, list[str]]:
    from persons.search import WEIGHT_DATE, WEIGHT_FIRST, WEIGHT_LAST

    if a.bsn and a.bsn == b.bsn:
        return 1.0, ["BSN gelijk"]
    last = _trigram(a.last_key, b.last_key)
    first = _trigram(a.first_key, b.first_key)
    reasons = ["achternaam gelijk" if last >= 0.999 else "achternaam lijkt op elkaar"]
    if first >= 0.999:
        reasons.append("voornaam gelijk")
    elif first >= 0.3:
        reasons.append("voornaam lijkt op elkaar")
    reasons.append("geboortedatum gelijk")
    return round(WEIGHT_LAST * last + WEIGHT_FIRST * first + WEIGHT_DATE, 3), reasons


def _trigram(a: str, b: str) -> float:
    """pg_trgm's similarity, computed here for a pair already read (same definition)."""

    def grams(text):
        out = set()
        for word in text.split():
            padded = f"  {word} "
            out |= {padded[i : i + 3] for i in range(len(padded) - 2)}
        return out

    ga, gb = grams(a), grams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


# ---------------------------------------------------------------------------------------------
# Retention


def forget_orphans(person_ids) -> int:
    """Remove the register persons of `person_ids` of whom no app record remains, with their
    names, addresses, links and history (zvhd.privacy.erasure). Called by each app's
    anonymise() after it let go of its records' persons."""
    from persons.registry import pointers
    from zvhd.privacy.erasure import erase

    ids = {pk for pk in person_ids if pk}
    if not ids:
        return 0
    for model, name in pointers():
        ids -= set(model._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True))
    # A merged-away person that still has its survivor stays with it.
    ids -= set(Person.objects.filter(merged_into__in=ids).values_list("merged_into", flat=True))
    if not ids:
        return 0
    erase(PersonName._base_manager.filter(person_id__in=ids))
    erase(Address._base_manager.filter(person_id__in=ids))
    erase(Link._base_manager.filter(person_id__in=ids))
    erase(Link._base_manager.filter(other_id__in=ids))
    proposals = MergeProposal._base_manager.filter(
        survivor_id__in=ids
    ) | MergeProposal._base_manager.filter(merged_id__in=ids)
    erase(proposals)
    return erase(Person._base_manager.filter(pk__in=ids)) or len(ids)
