"""The distribution engine: the seed's 2019 table to the euro, and properties for any key."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finance import reference_data as ref
from finance.distribution import EQUAL, INHABITANTS, Component, DistributionError, distribute
from zvhd.network.reference_data import MUNICIPALITIES

NAMES = [m["name"] for m in MUNICIPALITIES]
BIG_THREE = ["Assen", "Emmen", "Hoogeveen"]


def test_the_2019_key_reproduces_the_seed_table_to_the_euro():
    seed = ref.FINANCE["contributions_2019"]
    key = seed["distribution_key"]
    components = [
        Component(key["group_a_pct"], EQUAL, tuple(key["group_a"])),
        Component(key["group_b_pct"], EQUAL, tuple(n for n in NAMES if n not in key["group_a"])),
    ]
    amounts = distribute(seed["total"], components)
    assert amounts == seed["lines"]
    assert sum(amounts.values()) == seed["total"] == 408504


def test_the_seed_2019_table_itself_adds_up():
    seed = ref.FINANCE["contributions_2019"]
    assert sum(seed["lines"].values()) == seed["total"]


def test_the_2020_key_is_expressible_and_adds_up_exactly():
    inhabitants = {n: 20000 + 1000 * i for i, n in enumerate(NAMES)}
    components = [
        Component(20, EQUAL, tuple(BIG_THREE)),
        Component(80, INHABITANTS, tuple(NAMES)),
    ]
    amounts = distribute(1108037, components, inhabitants=inhabitants)
    assert sum(amounts.values()) == 1108037
    # Assen pays a third of the 20 % plus its inhabitants' share of the 80 %.
    exact = Decimal(1108037) * Decimal("0.2") / 3 + Decimal(1108037) * Decimal("0.8") * Decimal(
        inhabitants["Assen"]
    ) / sum(inhabitants.values())
    assert abs(amounts["Assen"] - exact) < 1


def test_ties_are_broken_alphabetically_and_deterministically():
    amounts = distribute(100, [Component(100, EQUAL, ("Tynaarlo", "Assen", "Meppel"))])
    assert amounts == {"Assen": 34, "Meppel": 33, "Tynaarlo": 33}


@pytest.mark.parametrize(
    "components, inhabitants, message",
    [
        (
            [Component(60, EQUAL, ("Assen",)), Component(30, EQUAL, ("Emmen",))],
            {},
            "90 %, niet tot 100 %",
        ),
        ([Component(100, EQUAL, ("Assen", "Assen"))], {}, "Assen staat twee keer"),
        ([Component(100, EQUAL, ())], {}, "geen enkele gemeente"),
        (
            [Component(100, INHABITANTS, ("Assen", "Emmen"))],
            {"Assen": 5},
            "ontbreekt het aantal inwoners van: Emmen",
        ),
        ([], {}, "minstens één onderdeel"),
    ],
)
def test_a_bad_key_is_refused_with_a_dutch_message_naming_the_problem(
    components, inhabitants, message
):
    with pytest.raises(DistributionError, match=message):
        distribute(1000, components, inhabitants=inhabitants)


@pytest.mark.parametrize("total, message", [(-5, "niet negatief"), (Decimal("10.50"), "hele euro")])
def test_a_negative_or_fractional_total_is_refused(total, message):
    with pytest.raises(DistributionError, match=message):
        distribute(total, [Component(100, EQUAL, ("Assen",))])


@st.composite
def keys(draw):
    """A random key: 1-4 components with integer per-mille shares adding up to 100 %."""
    count = draw(st.integers(1, 4))
    cuts = sorted(
        draw(st.lists(st.integers(1, 999), min_size=count - 1, max_size=count - 1, unique=True))
    )
    bounds = [0, *cuts, 1000]
    components = []
    for i in range(count):
        members = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=12, unique=True))
        basis = draw(st.sampled_from([EQUAL, INHABITANTS]))
        share = Decimal(bounds[i + 1] - bounds[i]) / 10
        components.append(Component(share, basis, tuple(members)))
    return components


@settings(max_examples=300, deadline=None)
@given(
    components=keys(),
    total=st.integers(0, 50_000_000),
    inhabitants=st.fixed_dictionaries({n: st.integers(1, 2_000_000) for n in NAMES}),
)
def test_contributions_are_whole_non_negative_euros_that_add_up_exactly(
    components, total, inhabitants
):
    amounts = distribute(total, components, inhabitants=inhabitants)
    assert all(isinstance(a, int) and a >= 0 for a in amounts.values())
    assert sum(amounts.values()) == total
    # No municipality outside the key pays anything.
    members = {m for c in components for m in c.members}
    assert set(amounts) == members
