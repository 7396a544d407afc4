"""zvhd/history.py: simple-history's manager class is built once per model, not per use."""

from simple_history.manager import HistoryDescriptor, HistoryManager

from cases.models import Case
from tests.cases.factories import make_case
from zvhd import history


def test_the_descriptor_is_ours_and_keeps_one_class_per_model():
    # A simple-history upgrade that renames or reshapes the descriptor fails here, not by
    # silently building a class again on every save.
    assert HistoryDescriptor.__get__ is history._get
    assert type(Case.history) is type(Case.history)
    assert issubclass(type(Case.history), HistoryManager)


def test_a_records_history_is_still_its_own(db, cast):
    first, second = (make_case(registered_by=cast.partner, municipality=cast.assen) for _ in "ab")
    first.reason = "Gewijzigd"
    first.save()
    assert first.history.count() == 2
    assert second.history.count() == 1
    assert {h.id for h in first.history.all()} == {first.pk}
    assert Case.history.filter(id__in=[first.pk, second.pk]).count() == 3
    assert first.history.most_recent().reason == "Gewijzigd"
