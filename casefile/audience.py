"""Who may read a journal entry or a document: the one "audience" both use (issue 19).

The author chooses it when writing: the ZVHD bureau only, the whole case team, or the bureau
and named organisations. It narrows what the case's own door already allows: nobody reads an
item of a case whose file ("details", cases.policy) they may not read, so the municipal contact,
who sees summaries only, reads none of it. Within the case file:

- bureau staff read every item (they direct the case; the policy table already limits which
  cases they reach);
- everybody else reads the items for the case team, the items naming their organisation, and
  what they wrote themselves (an author is never locked out of their own words).

`audience_filter` is the only place that says this; `AudienceQuerySet.visible_to` applies it
for both models, so a journal entry and a document can never drift apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from zvhd.network.models import Organisation
from zvhd.permissions import VIEW, ScopedChildQuerySet


class Audience(models.TextChoices):
    BUREAU = "bureau", _("Alleen het ZVHD-bureau")
    TEAM = "team", _("Het hele casusteam")
    ORGANISATIONS = "organisaties", _("Het bureau en de gekozen organisaties")


# Reading an item needs the case file; adding one too (whoever reads the file may record what
# happened); correcting is for the author (see `AudienceQuerySet.visible_to`).
DETAILS = "details"
ADD = "add"
CORRECT = "correct"


def audience_filter(model: type[models.Model], user) -> Q:
    """The items of `model` (an `AudienceMixin` model) `user` may read within a case file."""
    if user.is_bureau_staff:
        return Q()
    condition = Q(audience=Audience.TEAM) | Q(author_id=user.pk)
    if user.organisation_id:
        named = model.audience_organisations.through.objects.filter(
            organisation_id=user.organisation_id
        ).values(f"{model._meta.model_name}_id")
        condition |= Q(audience=Audience.ORGANISATIONS, pk__in=named)
    return condition


class AudienceMixin(models.Model):
    """The author and who may read: shared by journal entries and documents."""

    audience = models.CharField(
        _("wie mag dit lezen"), max_length=20, choices=Audience.choices, default=Audience.TEAM
    )
    audience_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisaties"), blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def audience_label(self, organisations=None) -> str:
        """ "Het bureau en GGZ Drenthe, Politie" as the list shows it (organisations prefetched)."""
        if self.audience != Audience.ORGANISATIONS:
            return str(self.get_audience_display())
        names = organisations
        if names is None:
            names = [str(o) for o in self.audience_organisations.all()]
        return gettext("Het bureau en %(names)s") % {"names": ", ".join(names) or "—"}


class AudienceQuerySet(ScopedChildQuerySet):
    """Scoped through the case (the file, "details"), then through the item's own audience."""

    parent_path = "case"

    def parent_action(self, action: str) -> str:
        return DETAILS

    def visible_to(self, user, action: str = VIEW):
        readable = super().visible_to(user, action).filter(audience_filter(self.model, user))
        if action == CORRECT:
            return readable.filter(author_id=user.pk)
        return readable
