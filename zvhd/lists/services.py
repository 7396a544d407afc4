"""Writes of saved filters (keyword-only, atomic), and which lists take them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from zvhd.lists.models import (
    LIST_NAME_LENGTH,
    SAVED_FILTER_NAME_LENGTH,
    SAVED_FILTER_QUERY_LENGTH,
    SAVED_FILTERS_PER_USER,
    SavedFilter,
)


def list_view(list_name: str):
    """The view class of the list whose URL name is `list_name`, if that list takes saved
    filters (`ListToolsMixin.saved_filters`); None for anything else, so a forged name (of
    another page, or of nothing) is refused before anything is kept."""
    if not list_name or len(list_name) > LIST_NAME_LENGTH or ":" not in list_name:
        return None
    try:
        match = resolve(reverse(list_name))
    except (NoReverseMatch, Resolver404):
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not getattr(view_class, "saved_filters", False):
        return None
    return view_class


@transaction.atomic
def save_filter(*, owner, list_name: str, name: str, query: str) -> SavedFilter:
    """Keep `query` (a list's filters and sort) under `name` for `owner`; the same name on the
    same list replaces the filters kept under it. At most SAVED_FILTERS_PER_USER per user."""
    from zvhd.network.models import User

    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Geef het filter een naam.")})
    if len(name) > SAVED_FILTER_NAME_LENGTH:
        raise ValidationError(
            {"name": _("Een naam heeft hoogstens %(n)d tekens.") % {"n": SAVED_FILTER_NAME_LENGTH}}
        )
    if list_view(list_name) is None or len(query) > SAVED_FILTER_QUERY_LENGTH:
        raise ValidationError(_("Deze filters kunnen niet worden bewaard."))
    # The owner's row locks their saved filters: two saves at once cannot pass the limit.
    User.objects.select_for_update().filter(pk=owner.pk).first()
    existing = SavedFilter.objects.filter(owner=owner, list_name=list_name, name=name).first()
    if existing is not None:
        existing.query = query
        existing.save(update_fields=["query"])
        return existing
    if SavedFilter.objects.filter(owner=owner).count() >= SAVED_FILTERS_PER_USER:
        raise ValidationError(
            {
                "name": _("U heeft al %(n)d bewaarde filters, het maximum. Verwijder er eerst een.")
                % {"n": SAVED_FILTERS_PER_USER}
            }
        )
    return SavedFilter.objects.create(owner=owner, list_name=list_name, name=name, query=query)


@transaction.atomic
def delete_filter(*, saved_filter: SavedFilter) -> None:
    saved_filter.delete()
