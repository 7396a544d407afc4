"""The matcher: "is this person already known?" (issue 21 part 2).

BSN is exact. Otherwise a name and (usually) a birth date, with tolerance for what goes wrong
when people type names: a letter more or less ("Janssen"/"Jansen"), an accent or a special
letter ("Yılmaz"/"Yilmaz"), a missing tussenvoegsel ("Berg"/"van den Berg"), day and month
swapped (03-07 for 07-03). Names are compared on their keys (persons.normalise) with pg_trgm's
trigram similarity, helped by GIN trigram indexes; the birth date narrows the candidates first
(a B-tree index), so a search reads a few dozen rows even among a million persons.

The matcher answers with register person ids, scores and reasons; it does not decide what a
reader sees of a hit (persons.hits does that, through each app's door).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, transaction
from django.db.models import F, Q, Value

from persons.models import Person, PersonName
from persons.normalise import clean_bsn, first_name_key, last_name_key

# A candidate below this score is not shown (measured: tests/bench/bench_persons.py).
THRESHOLD = 0.62
# The least similarity of the last name to be a candidate at all (pg_trgm's own default).
NAME_FLOOR = 0.3
WEIGHT_LAST, WEIGHT_FIRST, WEIGHT_DATE = 0.55, 0.2, 0.25
SWAPPED_DATE = 0.8  # day and month swapped counts for this much of an equal date
NAME_ONLY = 0.8  # without a birth date a name alone counts for at most this much


@dataclass
class Candidate:
    person_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


def swapped(day: date) -> date | None:
    """The date with day and month swapped, when that is another valid date."""
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


def by_bsn(bsn: str):
    """Register persons (not merged away) with exactly this BSN: the federated lookup's entry
    (issue 21 part 5) and the first step of every search."""
    bsn = clean_bsn(bsn)
    if not bsn:
        return Person.objects.none()
    return Person.objects.current().filter(bsn=bsn)


def _similarity(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def candidates(
    *,
    bsn: str = "",
    first_name: str = "",
    last_name: str = "",
    birth_date: date | None = None,
    limit: int = 10,
    threshold: float = THRESHOLD,
) -> list[Candidate]:
    """Ranked candidates, best first, each with its reasons in Dutch."""
    found: dict[int, Candidate] = {}
    bsn = clean_bsn(bsn)
    if bsn:
        for pk in by_bsn(bsn).values_list("pk", flat=True):
            found[pk] = Candidate(pk, 1.0, ["BSN gelijk"])
    last, first = last_name_key(last_name), first_name_key(first_name)
    if last:
        for candidate in _by_name(last, first, birth_date, bsn, threshold):
            if candidate.person_id in found:
                continue
            if candidate.score >= threshold:
                found[candidate.person_id] = candidate
    ranked = sorted(found.values(), key=lambda c: (-c.score, c.person_id))
    return ranked[:limit]


def name_floor(threshold: float, *, dated: bool) -> float:
    """The least last-name similarity with which a candidate can still reach `threshold`, all
    else equal (first name and date counted in full): below it a row cannot be a hit, so the
    query need not read it. With a birth date that is about pg_trgm's default 0,3; without one
    (a name can never be certain, score × 0,8) it is 0,69, which lets the trigram index skip
    every last name that is only somewhat alike (measured in BENCHMARKS.md)."""
    if dated:
        needed = threshold - WEIGHT_FIRST - WEIGHT_DATE
    else:
        needed = threshold * (WEIGHT_LAST + WEIGHT_FIRST) / NAME_ONLY - WEIGHT_FIRST
    return max(NAME_FLOOR, round(needed / WEIGHT_LAST - 0.005, 2))


def _by_name(
    last: str, first: str, birth_date: date | None, bsn: str, threshold: float = THRESHOLD
) -> list[Candidate]:
    dates = []
    if birth_date:
        dates = [birth_date]
        other = swapped(birth_date)
        if other:
            dates.append(other)
    floor = name_floor(threshold, dated=bool(dates))
    parts = []
    for model in (Person, PersonName):
        own = model is Person
        person = "" if own else "person__"
        qs = model.objects.filter(**{f"{person}merged_into__isnull": True})
        if dates:
            qs = qs.filter(**{f"{person}birth_date__in": dates})
        else:
            # No birth date: the trigram index finds the similar last names (% operator, with
            # the threshold set to `floor` below).
            qs = qs.filter(last_key__trigram_similar=last)
        # Two different BSNs are two different persons, however alike their names.
        if bsn:
            qs = qs.filter(Q(**{f"{person}bsn": ""}) | Q(**{f"{person}bsn": bsn}))
        qs = (
            qs.annotate(
                last_sim=TrigramSimilarity("last_key", last),
                first_sim=TrigramSimilarity("first_key", first or " "),
                other_name=Value(not own),
                born=F(f"{person}birth_date"),
                registered=F("pk" if own else "person_id"),
            )
            .filter(last_sim__gte=floor)
            # The best by the score's own weights, so the limit never drops the right first
            # name among many persons of one last name.
            .annotate(rank=WEIGHT_LAST * F("last_sim") + WEIGHT_FIRST * F("first_sim"))
            .order_by("-rank")
            .values_list("registered", "last_sim", "first_sim", "born", "other_name", "rank")[:50]
        )
        parts.append(qs)
    # One statement for the register and its earlier names and aliases: one round trip.
    query = parts[0].union(parts[1], all=True).order_by()
    if dates:
        rows = list(query)
    else:
        with transaction.atomic(savepoint=False), connection.cursor() as cursor:
            # `%` compares with this setting; local to the transaction, set for each use.
            cursor.execute(
                "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(floor)]
            )
            rows = list(query)
    best: dict[int, Candidate] = {}
    for person_id, last_sim, first_sim, born, other_name, _rank in rows:
        reasons = []
        if last_sim >= 0.999:
            reasons.append(
                "achternaam gelijk" if not other_name else "eerdere naam of alias gelijk"
            )
        else:
            reasons.append(
                (
                    "achternaam lijkt op de gezochte"
                    if not other_name
                    else "lijkt op een eerdere naam of alias"
                )
                + f" ({_similarity(last_sim)})"
            )
        if first:
            if first_sim >= 0.999:
                reasons.append("voornaam gelijk")
            elif first_sim >= 0.3:
                reasons.append(f"voornaam lijkt op de gezochte ({_similarity(first_sim)})")
        date_part = 0.0
        if birth_date and born == birth_date:
            date_part = 1.0
            reasons.append("geboortedatum gelijk")
        elif birth_date and born:
            date_part = SWAPPED_DATE
            reasons.append("geboortedatum gelijk met dag en maand omgedraaid")
        if birth_date:
            score = (
                WEIGHT_LAST * last_sim
                + WEIGHT_FIRST * (first_sim if first else 1)
                + (WEIGHT_DATE * date_part)
            )
        else:
            # Without a birth date a name alone can never be certain.
            score = (
                NAME_ONLY
                * (WEIGHT_LAST * last_sim + WEIGHT_FIRST * (first_sim if first else 1))
                / (WEIGHT_LAST + WEIGHT_FIRST)
            )
        if person_id not in best or best[person_id].score < score:
            best[person_id] = Candidate(person_id, round(score, 3), reasons)
    return list(best.values())
