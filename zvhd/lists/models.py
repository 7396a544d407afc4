"""A user's saved filters of the lists (issue 23).

A saved filter is a named query string of one list (its filters and sort; never a search term,
which may be a name or a BSN, and never a page). Its key is the list's URL name; a list takes
saved filters when its view says so (`ListToolsMixin.saved_filters`, checked by
`zvhd.lists.services.list_view`), so no table of list names has to be kept here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zvhd.permissions import VIEW, GuardedQuerySet

SAVED_FILTERS_PER_USER = 20  # over all lists together
SAVED_FILTER_NAME_LENGTH = 60
SAVED_FILTER_QUERY_LENGTH = 1000
LIST_NAME_LENGTH = 40


class SavedFilterQuerySet(GuardedQuerySet):
    def visible_to(self, user, action: str = VIEW):
        """A saved filter is its owner's alone: anyone else gets a 404, for every action."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def for_list(self, list_name: str):
        return self.filter(list_name=list_name).order_by("name").only("pk", "name", "query")


class SavedFilter(models.Model):
    """No history: it holds no personal data and no decision."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    list_name = models.CharField(_("lijst"), max_length=LIST_NAME_LENGTH)
    name = models.CharField(_("naam"), max_length=SAVED_FILTER_NAME_LENGTH)
    query = models.CharField(_("filters"), max_length=SAVED_FILTER_QUERY_LENGTH, blank=True)
    created_at = models.DateTimeField(_("bewaard op"), auto_now_add=True)

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        # Made by the case lists first (cases 0013); the table kept its name when the model
        # moved into the house for every list.
        db_table = "cases_savedfilter"
        ordering = ["name"]
        verbose_name = _("bewaard filter")
        verbose_name_plural = _("bewaarde filters")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_name", "name"],
                name="saved_filter_unique_name",
                violation_error_message=_("U heeft al een filter met deze naam."),
            )
        ]

    def __str__(self):
        return self.name
