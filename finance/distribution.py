"""The distribution engine: a total in whole euros over municipalities by a key.

Pure Python (no Django), so the property-based tests can hammer it and the management command,
the pages and the letters all compute the same numbers.

A key is a list of components; each component is a share (percentage) of the total, paid by a
set of municipalities, split among them equally or in proportion to their inhabitants. A
municipality may appear in several components (the 2020 key: Assen pays part of the 20 % and
part of the 80 %); its exact share is the sum of what each component gives it.

Rounding: largest-remainder (Hamilton) method over the *sum* of a municipality's exact shares,
not per component. Every municipality first gets the whole euros of its exact share (rounded
down); the euros still missing to reach the total go one each to the municipalities with the
largest fractional remainders. Ties are broken by the sort key the caller gives (the
municipality name), ascending, so the result never depends on dict order or the database. The
result adds up exactly to the total, no euro lost or created, and every amount is within one
euro of its exact share. Exact shares are computed with `Fraction`, so no float or Decimal
rounding creeps in before the one rounding step.

Rounding once, over the sum, is what reproduces the seed's 2019 table (70/30 of 408.504): per
component the 70 % part would be 285.953 and give Assen/Emmen/Hoogeveen 95.318/95.318/95.317;
over the sum, each of the nine smaller municipalities (remainder 0,8) gets the spare euro before
the three large ones (remainder 0,6), giving 3 x 95.317 + 9 x 13.617 = 408.504 as printed.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

EQUAL = "gelijk"
INHABITANTS = "inwoners"
BASES = (EQUAL, INHABITANTS)


class DistributionError(ValueError):
    """A key or its input cannot give a distribution; the message is Dutch, for the user."""


@dataclass(frozen=True)
class Component:
    share_pct: Decimal | int | str
    basis: str
    members: tuple[Hashable, ...] = field(default_factory=tuple)
    label: str = ""


def check_components(components: Iterable[Component], *, names: Mapping | None = None) -> None:
    """Raise DistributionError for a key that cannot be used, naming the problem."""
    components = list(components)
    names = names or {}
    if not components:
        raise DistributionError("Een verdeelsleutel heeft minstens één onderdeel nodig.")
    total_pct = Decimal(0)
    for number, component in enumerate(components, start=1):
        label = component.label or f"onderdeel {number}"
        share = Decimal(str(component.share_pct))
        if share <= 0:
            raise DistributionError(f"Het aandeel van {label} moet groter zijn dan 0 %.")
        if component.basis not in BASES:
            raise DistributionError(f"Onbekende verdeling bij {label}: {component.basis!r}.")
        if not component.members:
            raise DistributionError(f"Bij {label} staat geen enkele gemeente.")
        seen = set()
        for member in component.members:
            if member in seen:
                raise DistributionError(
                    f"{names.get(member, member)} staat twee keer in {label}; een gemeente hoort "
                    "maar één keer in hetzelfde onderdeel."
                )
            seen.add(member)
        total_pct += share
    if total_pct != 100:
        raise DistributionError(
            f"De aandelen van de onderdelen tellen op tot {_pct(total_pct)} %, niet tot 100 %."
        )


def exact_shares(
    total: int,
    components: Iterable[Component],
    *,
    inhabitants: Mapping[Hashable, int] | None = None,
    names: Mapping | None = None,
) -> dict[Hashable, Fraction]:
    components = list(components)
    check_components(components, names=names)
    inhabitants = inhabitants or {}
    names = names or {}
    shares: dict[Hashable, Fraction] = {}
    for number, component in enumerate(components, start=1):
        part = Fraction(total) * Fraction(Decimal(str(component.share_pct))) / 100
        if component.basis == EQUAL:
            weights = {member: Fraction(1) for member in component.members}
        else:
            missing = [m for m in component.members if not inhabitants.get(m)]
            if missing:
                label = component.label or f"onderdeel {number}"
                listed = ", ".join(sorted(str(names.get(m, m)) for m in missing))
                raise DistributionError(
                    f"Voor {label} (naar inwoners) ontbreekt het aantal inwoners van: {listed}."
                )
            weights = {member: Fraction(int(inhabitants[member])) for member in component.members}
        weight_sum = sum(weights.values())
        for member, weight in weights.items():
            shares[member] = shares.get(member, Fraction(0)) + part * weight / weight_sum
    return shares


def distribute(
    total: int | Decimal,
    components: Iterable[Component],
    *,
    inhabitants: Mapping[Hashable, int] | None = None,
    names: Mapping | None = None,
    sort_key=None,
) -> dict[Hashable, int]:
    """Whole euros per member that add up exactly to `total` (see the module docstring).

    `names` maps a member to its name for messages; `sort_key(member)` breaks ties (default:
    the name, then the member itself).
    """
    total = _whole_euros(total)
    names = names or {}
    shares = exact_shares(total, components, inhabitants=inhabitants, names=names)
    return largest_remainder(
        total, shares, sort_key=sort_key or (lambda m: (str(names.get(m, m)), str(m)))
    )


def largest_remainder(total: int, shares: Mapping[Hashable, Fraction], *, sort_key) -> dict:
    amounts = {member: int(share // 1) for member, share in shares.items()}
    missing = total - sum(amounts.values())
    by_remainder = sorted(shares, key=lambda m: (-(shares[m] - amounts[m]), sort_key(m)))
    for member in by_remainder[:missing]:
        amounts[member] += 1
    return amounts


def _whole_euros(total) -> int:
    value = Decimal(str(total))
    if value != value.to_integral_value():
        raise DistributionError("Het te verdelen bedrag moet in hele euro's zijn.")
    if value < 0:
        raise DistributionError("Het te verdelen bedrag mag niet negatief zijn.")
    return int(value)


def _pct(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")
