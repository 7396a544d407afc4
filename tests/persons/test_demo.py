"""The person register's demo: a handful of persons registered twice, across the apps, that the
matcher and the duplicates page find, and one merge waiting for a second person."""

import io
import random

from persons import demo
from persons.models import MergeProposal, MergeStatus, Person
from persons.search import THRESHOLD, candidates
from persons.services import likely_duplicates
from tests.databases import table_counts
from zvhd.network.models import User


def _retyped():
    ids = Person.history.filter(history_change_reason=demo.REASON).values("id")
    return {p.full_name: p for p in Person.objects.filter(pk__in=ids)}


def test_the_demo_registers_five_persons_twice_and_the_matcher_finds_each_pair(demo_database):
    people = _retyped()
    assert len(people) == 2 * len(demo.TWINS) == 10
    for twin in demo.TWINS:
        one = people[" ".join(twin.first[1:])]
        two = people[" ".join(twin.second[1:])]
        assert one.pk != two.pk and one.birth_date == two.birth_date
        found = candidates(
            first_name=two.first_name, last_name=two.last_name, birth_date=two.birth_date
        )
        assert one.pk in {c.person_id for c in found if c.score >= THRESHOLD}, twin
    # Across the apps: an aftercare record's person (with BSN) and a case's (without).
    assert people["Mohamed El Amrani"].bsn and not people["Mohammed el Amrani"].bsn


def test_the_duplicates_page_has_work_and_one_merge_waits_for_a_second_person(demo_database):
    beheerder = User.objects.get(username="beheerder")
    found = likely_duplicates(user=beheerder)
    pairs = {frozenset((a.full_name, b.full_name)) for a, b, _s, _r in found}
    amrani = next((a, b, r) for a, b, _s, r in found if "Amrani" in a.last_name)
    # The one whose BSN is known is offered to stay; the first names are alike, not equal.
    assert amrani[0].bsn and amrani[0].full_name == "Mohamed El Amrani"
    assert "voornaam lijkt op elkaar" in amrani[2]
    assert {
        frozenset(("Emre Yılmaz", "Emre Yilmaz")),
        frozenset(("Mohamed El Amrani", "Mohammed el Amrani")),
        frozenset(("Sanne Berg", "Sanne van den Berg")),
    } <= pairs
    # The trafficking register's person is not listed for whoever may not see its names.
    assert not any("Popescu" in name for pair in pairs for name in pair)
    proposal = MergeProposal.objects.get(survivor__last_name="Janssen", merged__last_name="Jansen")
    assert proposal.status == MergeStatus.PROPOSED and proposal.proposed_by == beheerder
    # Proposed pairs are not offered again.
    assert frozenset(("Kevin Janssen", "Kevin Jansen")) not in pairs


def test_the_demo_is_safe_to_run_again(demo_database):
    before = table_counts()
    out = io.StringIO()
    demo.after_seed(stdout=out, rng=random.Random(1))
    assert "bestaan al" in out.getvalue()
    assert table_counts() == before
