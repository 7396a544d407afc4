"""A case page reads its case in two steps (cases.views.case_file.CasePageMixin.read_object):
the door for this key, then the row with SQL compiled once per process (zvhd/prepared.py).
It must be the same object, with the same related rows and `can_*` answers, as the one query
through the door it replaced, for every reader, and refuse exactly whom that query refused."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from cases.models import Case, Status
from cases.policy import permission_annotations
from cases.views.case_file import PREPARED_READS, CaseDetailView
from tests.cases.factories import make_case
from tests.cast import CAST_USERS
from zvhd.network.models import User
from zvhd.permissions import VIEW
from zvhd.prepared import PreparedGet


def _paths(tree: dict, prefix: str = "") -> list[str]:
    """`query.select_related` is a tree ({"person": {"municipality": {}}, ...}): every path."""
    found = []
    for name, below in tree.items():
        found.append(prefix + name)
        found += _paths(below, f"{prefix}{name}.")
    return found


RELATED = _paths(Case.objects.for_detail().query.select_related)


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _related(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def _read(user, case):
    view = CaseDetailView()
    view.setup(RequestFactory().get("/"), pk=case.pk)
    view.request.user = User.objects.for_request().get(pk=user.pk).with_request_annotations()
    return view.read_object()


@pytest.mark.parametrize("name", CAST_USERS)
def test_the_two_step_read_is_the_one_query_it_replaced(cast, name):
    user = getattr(cast, name)
    cases = [
        make_case(registered_by=cast.partner, municipality=cast.assen, status=Status.AANGEMELD),
        make_case(
            registered_by=cast.partner,
            municipality=cast.assen,
            status=Status.ACTIEF,
            director=cast.regisseur,
        ),
    ]
    compared = 0
    for case in cases:
        annotations = permission_annotations(user)
        try:
            expected = (
                Case.objects.visible_to(user, VIEW)
                .for_detail()
                .annotate(**annotations)
                .get(pk=case.pk)
            )
        except Case.DoesNotExist:
            with pytest.raises(Http404):
                _read(user, case)
            continue
        got = _read(user, case)
        compared += 1
        assert _fields(got) == _fields(expected)
        for name_ in annotations:
            assert getattr(got, name_) == getattr(expected, name_), name_
        for path in RELATED:
            want, have = _related(expected, path), _related(got, path)
            assert (want is None) == (have is None), path
            if want is not None:
                assert _fields(have) == _fields(want), path
    if name in ("regisseur", "partner", "manager", "ondersteuner"):
        assert compared, "a reader of these cases must have been compared"


def test_a_prepared_read_compiles_once_and_reads_fresh(cast, django_assert_num_queries):
    case = make_case(registered_by=cast.partner, municipality=cast.assen)
    read = PreparedGet(lambda: Case.objects.for_detail())
    assert read.get(case.pk).person.last_name == case.person.last_name
    Case.objects.filter(pk=case.pk).update(status=Status.INGETROKKEN)
    with django_assert_num_queries(1):
        assert read.get(case.pk).status == Status.INGETROKKEN
    assert read.get(2_000_000_000) is None
    assert PREPARED_READS["for_detail"].get(case.pk).pk == case.pk


def test_the_case_pages_read_through_the_prepared_row(cast, client_for):
    """The case file, the plan and the journal take the two-step read (not silently the old
    one-query path); a case out of reach never reaches the row."""
    from unittest import mock

    from django.urls import reverse

    case = make_case(
        registered_by=cast.partner,
        municipality=cast.assen,
        status=Status.ACTIEF,
        director=cast.regisseur,
    )
    prepared = PREPARED_READS["for_detail"]
    with mock.patch.object(prepared, "get", wraps=prepared.get) as read:
        for name in ("cases:case_detail", "cases:case_plan", "casefile:journal"):
            page = client_for(cast.regisseur).get(reverse(name, args=[case.pk]))
            assert page.status_code == 200
        assert read.call_count == 3
        assert client_for(cast.gemeente_other).get(
            reverse("cases:case_detail", args=[case.pk])
        ).status_code in (403, 404)
        assert read.call_count == 3
