"""Value lists that more than one app records, kept once so the apps say the same thing.

A stored value here is the same in every app's table, in the partner API and in the figures;
only a file made for someone outside (the CoMensha export, the old system's import) maps it to
that file's own codes, at that boundary.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    """A person's gender as the professional records it (a case's person, a signal's victim)."""

    MALE = "man", _("Man")
    FEMALE = "vrouw", _("Vrouw")
    OTHER = "anders", _("Anders")
    UNKNOWN = "onbekend", _("Onbekend")
