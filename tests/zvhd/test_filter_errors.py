"""A filter's error does not repeat what was sent.

Django's "invalid choice" message quotes the value (`?status=<4,000 characters>` put them in
the message as well as in the list's own links). Every filter set's choice
filters (found through the classes, so a new one cannot be forgotten) answer with one short
Dutch sentence, next to the field.
"""

from __future__ import annotations

import django_filters
import pytest
from django.urls import reverse

from zvhd.filters import INVALID_CHOICE, ScopedFilterSet

pytestmark = pytest.mark.django_db

LONG = "x" * 10_000


def filter_sets() -> list[type]:
    found, todo = [], list(ScopedFilterSet.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        found.append(cls)
    return found


def choice_filters(filterset) -> list[str]:
    return [
        name
        for name, filter_ in filterset.filters.items()
        if isinstance(
            filter_,
            django_filters.ChoiceFilter
            | django_filters.MultipleChoiceFilter
            | django_filters.ModelMultipleChoiceFilter,
        )
    ]


def test_every_filter_sets_choice_filters_answer_without_repeating_the_value(cast):
    import advice.filters  # noqa: F401 - the filter sets are found as subclasses
    import aftercare.filters  # noqa: F401
    import cases.filters  # noqa: F401
    import trafficking.filters  # noqa: F401
    import zvhd.network.filters  # noqa: F401

    checked = 0
    for cls in filter_sets():
        names = choice_filters(cls(user=cast.beheerder, queryset=cls._meta.model.objects.none()))
        for name in names:
            filterset = cls(
                {name: LONG}, queryset=cls._meta.model.objects.none(), user=cast.beheerder
            )
            assert not filterset.is_valid(), (cls.__name__, name)
            errors = " ".join(filterset.form.errors.get(name, []))
            assert LONG[:20] not in errors, (cls.__name__, name, errors[:80])
            assert errors == str(INVALID_CHOICE), (cls.__name__, name, errors[:80])
            checked += 1
    assert checked >= 10


def test_an_invalid_status_is_answered_next_to_the_field_without_quoting_it(cast, client_for):
    # 4,000 characters: about what gunicorn lets through (its request line stops at 4,094).
    sent = "x" * 4000
    client = client_for(cast.regisseur)
    response = client.get(reverse("cases:case_list"), {"status": sent})
    assert response.status_code == 200
    page = response.content.decode()
    assert str(INVALID_CHOICE) in page
    assert "geen beschikbare keuze" not in page
    # The list's links keep its address (sorting, export, saving the list): that is all.
    assert page.count(sent) == page.count("?status=" + sent) + page.count('value="status=' + sent)
