"""The access review: unusual reads of person records in a period, for the privacy officer.

Two aggregate queries over the access log, grouped by user:
(a) users who opened more distinct person records (cases, aftercare, trafficking signals) than
    a threshold while not involved in them. Each app says in its contract which of its records
    are reviewed and who is involved in one (`zvhd.apps_contract.ReviewedRecord`): for a case
    its director, support, guide or a member of its team; for an aftercare record its
    coordinator or guide; for a trafficking signal whoever entered it, or the trafficking
    chain director (that is her job).
(b) reads outside office hours: before 07:00, from 19:00, or on a Saturday or Sunday, in
    Europe/Amsterdam time.

An export writes one row per record it holds (zvhd.exports): its records count as opened
(they left the system), but the export counts as one event, not as thousands of reads, and
each table says how many of the records came from exports and in how many.
"""

from __future__ import annotations

import operator
from datetime import datetime, time, timedelta
from functools import reduce
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Exists, Max, Min, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, ExtractHour, ExtractIsoWeekDay
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from zvhd.network.models import Role
from zvhd.privacy.models import AccessAction, AccessLog
from zvhd.views import RoleRequiredMixin

OFFICE_TZ = ZoneInfo("Europe/Amsterdam")
OFFICE_START_HOUR = 7
OFFICE_END_HOUR = 19  # a read at 19:00 or later is outside office hours
# Reads that open a record; "in een lijst getoond" is a list page, not an opened record.
OPENING_ACTIONS = (AccessAction.VIEW, AccessAction.CHANGE, AccessAction.EXPORT)
DEFAULT_THRESHOLD = 20
DEFAULT_DAYS = 30


class ReviewForm(forms.Form):
    date_from = forms.DateField(label=_("Vanaf"))
    date_to = forms.DateField(label=_("Tot en met"))
    threshold = forms.IntegerField(
        label=_("Drempel: aantal records zonder betrokkenheid"),
        min_value=1,
        max_value=10000,
        help_text=_("Gebruikers die méér verschillende records openden staan in de lijst."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned


def _involved_subqueries():
    """Per reviewed record kind (each app's contract): its content type, the row key of its
    count, and whether the log row's reader is involved in the record it names."""
    from zvhd.apps_contract import reviewed_records

    user = OuterRef("user_id")
    kinds = reviewed_records()
    types = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    result = []
    for kind in kinds:
        involved = (
            kind.model._default_manager.annotate(pk_text=Cast("pk", CharField()))
            # The record's primary key against the log's text object_id (no failing casts).
            .filter(pk_text=OuterRef("object_id"))
            .filter(kind.involved(user))
        )
        condition = Exists(involved)
        for role in sorted(kind.exempt_roles):
            condition |= Q(roles__contains=str(role))
        result.append((types[kind.model], kind.column, condition))
    return result


def period_bounds(date_from, date_to) -> tuple[datetime, datetime]:
    """[start of date_from, start of the day after date_to) in Amsterdam time."""
    start = datetime.combine(date_from, time.min, tzinfo=OFFICE_TZ)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=OFFICE_TZ)
    return start, end


def _opened_reads(start, end):
    return AccessLog.objects.filter(
        at__gte=start,
        at__lt=end,
        allowed=True,
        action__in=OPENING_ACTIONS,
        user__isnull=False,
    ).exclude(object_id="")


def uninvolved_readers(start, end, threshold: int) -> list[dict]:
    """(a) One query: per user, distinct person records opened without involvement."""
    kinds = _involved_subqueries()
    if not kinds:
        return []
    uninvolved = reduce(
        operator.or_, (Q(content_type=ct) & ~involved for ct, _column, involved in kinds)
    )
    record_key = Concat(
        Cast("content_type_id", CharField()), Value(":"), "object_id", output_field=CharField()
    )
    per_kind = {
        column: Count("object_id", distinct=True, filter=Q(content_type=content_type))
        for content_type, column, _involved in kinds
    }
    exported = Q(action=AccessAction.EXPORT)
    rows = (
        _opened_reads(start, end)
        .filter(uninvolved)
        .values("user_id", "username", "organisation")
        .annotate(
            records=Count(record_key, distinct=True),
            **per_kind,
            # Of those, taken away in an export, and in how many exports (one per batch).
            exported=Count(record_key, distinct=True, filter=exported),
            exports=Count("batch", distinct=True),
            first=Min("at"),
            last=Max("at"),
        )
        .filter(records__gt=threshold)
        .order_by("-records", "username")
    )
    return list(rows)


def out_of_hours_readers(start, end) -> list[dict]:
    """(b) One query: per user, reads before 07:00, from 19:00 or at the weekend."""
    rows = (
        _opened_reads(start, end)
        .annotate(
            local_hour=ExtractHour("at", tzinfo=OFFICE_TZ),
            local_weekday=ExtractIsoWeekDay("at", tzinfo=OFFICE_TZ),
        )
        .filter(
            Q(local_hour__lt=OFFICE_START_HOUR)
            | Q(local_hour__gte=OFFICE_END_HOUR)
            | Q(local_weekday__gte=6)
        )
        .values("user_id", "username", "organisation")
        .annotate(
            # An export is one event however many records it held (its rows share a batch).
            reads=Count("pk", filter=Q(batch__isnull=True)) + Count("batch", distinct=True),
            weekend=Count("pk", filter=Q(local_weekday__gte=6, batch__isnull=True))
            + Count("batch", distinct=True, filter=Q(local_weekday__gte=6)),
            exports=Count("batch", distinct=True),
            records=Count("object_id", distinct=True),
            first=Min("at"),
            last=Max("at"),
        )
        .order_by("-reads", "username")
    )
    return list(rows)


class AccessReviewView(RoleRequiredMixin, TemplateView):
    """The privacy officer's review of unusual access in a chosen period."""

    roles = {Role.PRIVACY_OFFICER}
    template_name = "privacy/review.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        initial = {
            "date_from": today - timedelta(days=DEFAULT_DAYS - 1),
            "date_to": today,
            "threshold": DEFAULT_THRESHOLD,
        }
        form = ReviewForm(self.request.GET or None, initial=initial)
        context = super().get_context_data(form=form, **kwargs)
        if form.is_bound:
            if not form.is_valid():
                return context
            params = form.cleaned_data
        else:
            params = initial
        start, end = period_bounds(params["date_from"], params["date_to"])
        context.update(
            period=params,
            uninvolved=uninvolved_readers(start, end, params["threshold"]),
            out_of_hours=out_of_hours_readers(start, end),
            office_hours=f"{OFFICE_START_HOUR:02d}:00–{OFFICE_END_HOUR:02d}:00",
        )
        return context
