"""The house's shared pieces of the door: one scoped-child queryset and one access-log row
builder, used by every app instead of a copy of its own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from zvhd.permissions import ScopedChildQuerySet
from zvhd.privacy.models import AccessAction, AccessLog
from zvhd.privacy.services import access_log_row, log_access, log_records_access


def test_every_child_queryset_is_scoped_through_its_parent_by_the_one_helper():
    from aftercare.models import AftercareRecord, Condition
    from cases.models import Case, CaseMeeting
    from finance.models import BudgetAmendment, FinanceYear, PlusTask
    from trafficking.models import FollowUp, Signal

    for child, parent in [
        (CaseMeeting, Case),
        (Condition, AftercareRecord),
        (FollowUp, Signal),
        (PlusTask, FinanceYear),
        (BudgetAmendment, FinanceYear),  # two steps: amendment -> line -> year
    ]:
        queryset = child._default_manager.all()
        assert isinstance(queryset, ScopedChildQuerySet), child
        assert queryset.parent_model() is parent, child


def test_a_child_needs_the_parents_matching_action():
    from aftercare.models import Condition
    from cases.models import CaseMeeting
    from finance.models import PlusTask
    from trafficking.models import FollowUp

    assert CaseMeeting.objects.all().parent_action("view") == "details"
    assert CaseMeeting.objects.all().parent_action("change") == "change"
    assert Condition.objects.all().parent_action("view") == "detail"
    assert Condition.objects.all().parent_action("change") == "change"
    assert FollowUp.objects.all().parent_action("view") == "view"
    assert PlusTask.objects.all().parent_action("view") == "budget"


@pytest.mark.django_db
def test_an_access_log_row_copies_who_it_was_at_that_moment(cast):
    from cases.models import Case

    row = access_log_row(
        user=cast.regisseur, model=Case, object_id=7, action=AccessAction.VIEW, path="/x" * 300
    )
    assert row.pk is None  # built, not saved
    assert (row.username, row.object_id, row.allowed) == ("regisseur", "7", True)
    assert row.roles == ", ".join(sorted(cast.regisseur.role_names))
    assert row.organisation == str(cast.regisseur.organisation)
    assert len(row.path) == 500
    anonymous = access_log_row(user=AnonymousUser(), action=AccessAction.VIEW, allowed=False)
    assert (anonymous.user, anonymous.username, anonymous.roles) == (None, "", "")
    assert anonymous.content_type is None and anonymous.object_id == ""


@pytest.mark.django_db
def test_single_and_bulk_rows_say_the_same_about_the_reader(cast):
    from cases.models import Case

    request = RequestFactory().get("/casussen/?q=1", REMOTE_ADDR="192.0.2.1")
    request.user = cast.ondersteuner
    log_access(request=request, model=Case, object_id=1)
    log_records_access(request=request, model=Case, object_ids=[2, 3], action=AccessAction.LIST)
    rows = list(AccessLog.objects.order_by("object_id"))
    assert [r.object_id for r in rows] == ["1", "2", "3"]
    who = {(r.user_id, r.username, r.organisation, r.roles, r.path) for r in rows}
    assert len(who) == 1
    assert {r.ip_address for r in rows} == {"192.0.2.1"}
