"""Filters of the case lists: status, kind, municipality, director, topic, period, search."""

import hashlib
import json
import re
from datetime import date, datetime, time, timedelta
from functools import partial

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cases.models import TRIAGE_STATUSES, Case, Enrichment, Kind, Status
from cases.policy import DETAILS, DIRECTOR_ROLES, NAMES, case_filter, names_filter
from cases.worklists import (
    ACTION_CHOICES,
    REVIEW_CHOICES,
    STATUS_GROUPS,
    has_overdue_actions,
    review_overdue,
    review_soon,
)
from zvhd import terms
from zvhd.filters import ScopedFilterSet
from zvhd.network.models import Municipality, Organisation, User, Vocabulary

CASE_NUMBER = re.compile(r"^\d{4}-\d{3,7}$")
# Django's own message of a model choice (translated by Django): it does not repeat the input.
NOT_AVAILABLE = _("Select a valid choice. That choice is not one of the available choices.")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The rendered filter form is cached (zvhd.filters.ScopedFilterSet.rendered_form, under
# CaseFilter.form_cache_key); bump the version when the form's markup changes, so a deploy does
# not serve the old one meanwhile.
FORM_CACHE_VERSION = 2
# The municipality and director choices, read at most once a minute and dropped at once when a
# municipality, a user or a user's roles change (forget_filter_choices, wired in cases.apps).
CHOICES_CACHE_KEY = "cases:filter-choices"
CHOICES_CACHE_SECONDS = 60


def filter_choices() -> dict[str, list[tuple[int, str]]]:
    """The choice lists of the municipality and director filters.

    Two queries on every list page before (the director one a DISTINCT over a join); the same
    for everyone, so kept in the cache. A bulk UPDATE bypasses the signals: the minute's
    timeout bounds how long a list can lag behind one.
    """
    choices = cache.get(CHOICES_CACHE_KEY)
    if choices is None:
        directors = (
            User.objects.filter(is_active=True, groups__name__in=DIRECTOR_ROLES)
            .distinct()
            .order_by("last_name", "first_name")
            .only("pk", "first_name", "last_name", "username")
        )
        choices = {
            "municipality": list(Municipality.objects.order_by("name").values_list("pk", "name")),
            "director": [(user.pk, str(user)) for user in directors],
        }
        cache.set(CHOICES_CACHE_KEY, choices, CHOICES_CACHE_SECONDS)
    return choices


def forget_filter_choices(**kwargs) -> None:
    """Signal receiver: a municipality, user or role changed; read the choices again."""
    cache.delete(CHOICES_CACHE_KEY)


class CaseFilter(ScopedFilterSet):
    """The case lists show summaries (number, status, kind, municipality, director, dates);
    the topic is in the case file (DETAILS), the name in what `NAMES` allows."""

    levels = {"topic": DETAILS}

    q = django_filters.CharFilter(label=_("Zoeken op naam, BSN of casusnummer"), method="search")
    # A single status, or a group of them (cases.worklists.STATUS_GROUPS): the start panels
    # link to "lopend" and "procesregie".
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            *((value, label) for value, (label, _statuses) in STATUS_GROUPS.items()),
            *Status.choices,
        ],
        method="by_status",
    )
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Kind.choices)
    # Choices as plain lists filled in __init__ (filter_choices, cached): a ModelChoiceFilter
    # reads its queryset through a server-side cursor on every render, three round trips each.
    municipality = django_filters.ChoiceFilter(
        label=_("Gemeente"), choices=[], error_messages={"invalid_choice": NOT_AVAILABLE}
    )
    director = django_filters.ChoiceFilter(
        label=_("Procesregisseur"), choices=[], error_messages={"invalid_choice": NOT_AVAILABLE}
    )
    topic = django_filters.ChoiceFilter(
        label=_("Aandachtsgebied"), choices=partial(terms.all_choices, Vocabulary.AANDACHTSGEBIED)
    )
    evaluatie = django_filters.ChoiceFilter(
        label=_("Evaluatie"), choices=REVIEW_CHOICES, method="by_review"
    )
    acties = django_filters.ChoiceFilter(
        label=_("Acties"), choices=ACTION_CHOICES, method="by_actions"
    )
    registered_from = django_filters.DateFilter(
        label=_("Aangemeld vanaf"), field_name="registered_at", lookup_expr="date__gte", widget=DATE
    )
    registered_to = django_filters.DateFilter(
        label=_("Aangemeld tot en met"),
        field_name="registered_at",
        lookup_expr="date__lte",
        widget=DATE,
    )

    class Meta:
        model = Case
        fields = ["q", "status", "kind", "municipality", "director", "topic"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if "q" in self.filters and user is not None and names_filter(user) is None:
            # A reader who sees no names (the municipal contact) finds a case by its number
            # only (`search`): the field says so instead of offering a name or BSN search
            # that can never find anything for them.
            self.filters["q"].label = _("Zoeken op casusnummer")
        choices = filter_choices()
        self.filters["municipality"].extra["choices"] = choices["municipality"]
        self.filters["director"].extra["choices"] = choices["director"]

    def form_cache_key(self) -> str | None:
        """The cache key of the rendered form, or None when it must not be cached.

        The key is a hash of everything the form's HTML depends on: the submitted values of
        its own fields, both choice lists as just read, and the language; so a new director
        or municipality simply makes a new key. None when the form holds a search term: a
        name or BSN must not sit in the cache.
        """
        data = self.data if self.is_bound else {}
        if (data.get("q") or "").strip():
            return None
        # Only the form's own fields (one per filter): other parameters do not change it (nor
        # make new keys). Read from the filters, so a form from the cache is never built.
        submitted = sorted((k, data.getlist(k)) for k in data if k in self.filters)
        material = json.dumps(
            [
                FORM_CACHE_VERSION,
                get_language(),
                submitted,
                *(
                    self.filters[name].extra["choices"]
                    for name in ("municipality", "director")
                    if name in self.filters
                ),
                sorted(self.filters),  # a reader without a filter gets a form without it
                # A reader who sees no names searches by case number, and is told so.
                str(self.filters["q"].label) if "q" in self.filters else "",
                type(self).__name__,  # the triage list's status choices are its own
            ],
            default=str,
        )
        return "cases:filter-form:" + hashlib.sha256(material.encode()).hexdigest()

    def by_status(self, queryset, name, value):
        if value in STATUS_GROUPS:
            return queryset.filter(status__in=STATUS_GROUPS[value][1])
        return queryset.filter(status=value)

    def by_review(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(review_overdue(today) if value == "verlopen" else review_soon(today))

    def by_actions(self, queryset, name, value):
        return queryset.filter(has_overdue_actions(self.user, timezone.localdate()))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if CASE_NUMBER.match(value):
            return queryset.filter(number=value)
        # Searching by name or BSN reveals who a case is about: only within the cases whose
        # person the user may see (cases.policy.names_filter).
        queryset = self.visible(queryset, NAMES)
        digits = value.replace(" ", "").replace(".", "")
        if digits.isdigit() and len(digits) in (8, 9):
            return queryset.filter(person__bsn=digits.zfill(9))
        condition = Q()
        for word in value.split()[:3]:
            condition &= Q(person__last_name__icontains=word) | Q(
                person__first_name__icontains=word
            )
        return queryset.filter(condition)

    def level_scope(self, level):
        if level == NAMES:
            return names_filter(self.user)
        return case_filter(self.user, level)


class TriageFilter(CaseFilter):
    """The triage list's filters: only those that can narrow a list of registrations awaiting
    a decision (issue 23). Such a registration has no kind, no director, no review date and no
    actions yet, and its status is one of the two of triage."""

    NOT_FOR_TRIAGE = ("kind", "director", "evaluatie", "acties")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.NOT_FOR_TRIAGE:
            self.filters.pop(name, None)
        self.filters["status"].extra["choices"] = [
            (value, label) for value, label in Status.choices if value in TRIAGE_STATUSES
        ]


UNKNOWN = "onbekend"


def a_year_before(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def local_midnight(day: date) -> datetime:
    """The start of `day` in the local time zone (a date field accepts 1900-2100 only)."""
    return timezone.make_aware(datetime.combine(day, time.min))


class ExchangeFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Deze datum ligt voor de datum bij “Vanaf”."))
        return data


class ExchangeFilter(ScopedFilterSet):
    """The register of exchanges (privacy officer): one filter set for both kinds of exchange,
    registrations (Case) and enrichment items (Enrichment); each method picks the field of the
    queryset's model. The privacy officer sees every field of the register: no levels.

    The period is a range of the moment itself (`added_at`, `registered_at`), from local
    midnight to local midnight, so that the indexes of both serve it (issue 24); without
    `date_from` and `date_to` in the request the register shows the last twelve months
    (`with_default_period`)."""

    kind = django_filters.ChoiceFilter(
        label=_("Soort"),
        choices=[("aanmelding", _("Aanmelding")), ("verrijking", _("Verrijking"))],
        method="by_kind",
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organisation.objects.order_by("name"),
        method="by_organisation",
    )
    basis = django_filters.ChoiceFilter(label=_("Grondslag"), choices=[], method="by_basis")
    date_from = django_filters.DateFilter(
        label=_("Vanaf"),
        method="by_from",
        widget=DATE,
        help_text=_("Standaard de laatste twaalf maanden. Leeg: alle jaren."),
    )
    date_to = django_filters.DateFilter(label=_("Tot en met"), method="by_to", widget=DATE)

    class Meta:
        model = Enrichment
        fields = ["kind", "organisation", "basis"]
        form = ExchangeFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from cases.models import UNKNOWN_BASIS, LegalBasis

        bases = list(LegalBasis.objects.order_by("order", "name").values_list("pk", "code", "name"))
        self.filters["basis"].extra["choices"] = [
            *((code, name) for _pk, code, name in bases),
            (UNKNOWN, UNKNOWN_BASIS),
        ]
        # For the totals, grouped by the basis's id: its name without a join.
        self.bases = {pk: name for pk, _code, name in bases}

    @staticmethod
    def with_default_period(data, today: date | None = None):
        """The request's parameters, with the last twelve months as the period when it names
        neither end of one (an emptied field asks for every year)."""
        data = data.copy()
        if "date_from" not in data and "date_to" not in data:
            today = today or timezone.localdate()
            data["date_from"] = a_year_before(today).isoformat()
        return data

    @staticmethod
    def _is_case(queryset) -> bool:
        return queryset.model is Case

    def by_kind(self, queryset, name, value):
        wanted = "aanmelding" if self._is_case(queryset) else "verrijking"
        return queryset if value == wanted else queryset.none()

    def by_organisation(self, queryset, name, value):
        field = "registering_organisation" if self._is_case(queryset) else "source_organisation"
        return queryset.filter(**{field: value})

    def by_basis(self, queryset, name, value):
        if value == UNKNOWN:
            return queryset.filter(legal_basis__isnull=True)
        return queryset.filter(legal_basis__code=value)

    def _field(self, queryset) -> str:
        return "registered_at" if self._is_case(queryset) else "added_at"

    def by_from(self, queryset, name, value):
        return queryset.filter(**{f"{self._field(queryset)}__gte": local_midnight(value)})

    def by_to(self, queryset, name, value):
        end = local_midnight(value + timedelta(days=1))
        return queryset.filter(**{f"{self._field(queryset)}__lt": end})
