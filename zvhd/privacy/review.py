"""The access review: unusual reads of person records in a period, for the privacy officer.

What it finds, per user, among the access log's opened reads of a period:
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

The page reads it from the days the worker summarized and today from the log
(`review_readers`, zvhd/privacy/review_days.py). `uninvolved_readers` and
`out_of_hours_readers` below are the same counts straight from the log (aggregate queries
over one covering index, `privacy_log_opened`): the definition the summarized days are
tested against.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    F,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    TextField,
    When,
)
from django.db.models import Case as DbCase
from django.db.models.functions import Cast, ExtractIsoWeekDay, Length
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from zvhd.network.models import Role
from zvhd.privacy.models import (
    OFFICE_END_HOUR,
    OFFICE_START_HOUR,
    OFFICE_TZ,
    AccessLog,
    opened_read,
    out_of_office_hours,
)
from zvhd.views import RoleRequiredMixin

DEFAULT_THRESHOLD = 20
DEFAULT_DAYS = 30
# A year at most: the summarized days look back that far for a record's earlier day
# (review_days.LOOKBACK_DAYS); until they were summarized a quarter was the most the log allowed.
MAX_DAYS = 366


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
        elif start and end and (end - start).days + 1 > MAX_DAYS:
            self.add_error(
                "date_to",
                _("Kies een periode van hoogstens %(days)s dagen (een jaar).") % {"days": MAX_DAYS},
            )
        return cleaned


def period_bounds(date_from, date_to) -> tuple[datetime, datetime]:
    """[start of date_from, start of the day after date_to) in Amsterdam time."""
    start = datetime.combine(date_from, time.min, tzinfo=OFFICE_TZ)
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=OFFICE_TZ)
    return start, end


def _opened_reads(start, end):
    """The period's allowed reads that opened a record: the rows of `privacy_log_opened`."""
    return AccessLog.objects.filter(opened_read(), at__gte=start, at__lt=end)


def _record_pk():
    """The log's object_id as the record's primary key, NULL when it is not a number (no
    failing casts). Compared with the record's own key it is an index lookup; the record's
    key cast to text, as before, could use no index and read the whole table per log row."""
    return DbCase(
        When(
            # The cheapest test PostgreSQL has: `[0-9]{1,18}` costs it twice this.
            Q(object_id__regex=r"^[0-9]+$") & Q(LessThan(Length("object_id"), 19)),
            then=Cast("object_id", BigIntegerField()),
        ),
        default=None,
        output_field=BigIntegerField(),
    )


class Record(Func):
    """The record a log row names, as a pair: its kind and its number (ids of different kinds
    are different records). `count(DISTINCT (content_type_id, object_id))` in PostgreSQL."""

    template = "(%(expressions)s)"
    output_field = TextField()  # a row in fact; only counted, never read

    def __init__(self):
        super().__init__(F("content_type_id"), F("object_id"))


def uninvolved_readers(start, end, threshold: int) -> list[dict]:
    """(a) Per user, the distinct person records opened without involvement.

    One query per reviewed kind (cases, aftercare, signals). The period's opened reads of the
    kind are first grouped into distinct reader-record pairs (a reader opens the same record
    many times: 150,000 reads of a month are some 70,000 pairs at 50 million rows), and only
    then is each pair checked for involvement, as its app defines it (the ORM's NOT EXISTS
    of the kind's contract, compiled against the pairs), and counted per user. Checking the
    reads one by one cost a cast and a lookup per read.

    Of those records, how many left the system in an export and in how many exports (one per
    batch; an export holds records of one kind, so the kinds' counts add up)."""
    from zvhd.apps_contract import reviewed_records

    kinds = reviewed_records()
    types = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    columns = [kind.column for kind in kinds]
    table = connection.ops.quote_name(AccessLog._meta.db_table)
    users: dict[tuple, dict] = {}
    for kind in kinds:
        reads = _opened_reads(start, end).filter(content_type=types[kind.model])
        for role in sorted(kind.exempt_roles):
            reads = reads.exclude(roles__contains=str(role))
        # An export's records are pairs of their own (with its batch), so the exported records
        # and the number of exports can be counted from the pairs too.
        pairs = (
            reads.values("user_id", "username", "organisation", "object_id", "batch")
            .annotate(first=Min("at"), last=Max("at"))
            .order_by()
        )
        involved = (
            kind.model._default_manager.filter(pk=OuterRef("record_pk"))
            .filter(kind.involved(OuterRef("user_id")))
            .values("pk")
        )
        # The NOT EXISTS as the ORM writes it for a log row; its references to the log's
        # table name the pairs below, which carry the same column names.
        check = AccessLog.objects.annotate(record_pk=_record_pk()).filter(~Exists(involved))
        where, where_params = check.query.get_compiler(connection=connection).compile(
            check.query.where
        )
        pairs_sql, pairs_params = pairs.query.sql_with_params()
        # Both fragments are the ORM's own SQL with their values as parameters.
        sql = (
            "SELECT user_id, username, organisation, count(DISTINCT object_id),"  # noqa: S608
            " count(DISTINCT object_id) FILTER (WHERE batch IS NOT NULL),"
            " count(DISTINCT batch), min(first), max(last)"
            f" FROM ({pairs_sql}) AS {table} WHERE {where} GROUP BY 1, 2, 3"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, (*pairs_params, *where_params))
            counted = cursor.fetchall()
        for user_id, username, organisation, records, exported, exports, first, last in counted:
            key = (user_id, username, organisation)
            user = users.setdefault(key, _reader_row(key, columns, 0, first, last))
            user[kind.column] += records
            user["records"] += records
            user["exported"] += exported
            user["exports"] += exports
            user["first"] = min(user["first"], first)
            user["last"] = max(user["last"], last)
    flagged = [user for user in users.values() if user["records"] > threshold]
    return sorted(flagged, key=lambda user: (-user["records"], user["username"]))


def _reader_row(key: tuple, columns: list[str], exports: int, first, last) -> dict:
    """A reader's row of part (a), its counts at zero: `key` is (user id, name, organisation)
    as the log names them, `columns` the count per kind of record."""
    user_id, username, organisation = key
    return {
        "user_id": user_id,
        "username": username,
        "organisation": organisation,
        "records": 0,
        **dict.fromkeys(columns, 0),
        "exported": 0,
        "exports": exports,
        "first": first,
        "last": last,
    }


def out_of_hours_readers(start, end) -> list[dict]:
    """(b) One query: per user, reads before 07:00, from 19:00 or at the weekend.

    The condition is `models.out_of_office_hours()`, the very one the partial index
    `privacy_log_out_of_hours` is made with: the query reads that small index (a few reads
    in a hundred) instead of computing the Dutch hour of every read of the period. The index
    does not hold the record's kind, so each of those reads is looked up in its table for it
    (an index scan, not index-only): this is the definition the page's summarized days are
    tested against (and the benchmark's `--review-from-log`), not what the page runs; the
    page's live day reads `privacy_log_opened`, which has the kind."""
    weekend = Q(GreaterThanOrEqual(ExtractIsoWeekDay("at", tzinfo=OFFICE_TZ), 6))
    rows = (
        _opened_reads(start, end)
        .filter(out_of_office_hours())
        .values("user_id", "username", "organisation")
        .annotate(
            # Counted on `at`, not the key: every column here is in the index. An export is
            # one event however many records it held (its rows share a batch).
            reads=Count("at", filter=Q(batch__isnull=True)) + Count("batch", distinct=True),
            weekend=Count("at", filter=weekend & Q(batch__isnull=True))
            + Count("batch", distinct=True, filter=weekend),
            exports=Count("batch", distinct=True),
            # A record is its kind and number: case 5 and aftercare record 5 are two.
            records=Count(Record(), distinct=True),
            first=Min("at"),
            last=Max("at"),
        )
        .order_by("-reads", "username")
    )
    return list(rows)


def review_readers(date_from, date_to, threshold: int) -> tuple[list[dict], list[dict]]:
    """Parts (a) and (b) of the days `date_from` to `date_to`: the rows `uninvolved_readers`
    and `out_of_hours_readers` give for that period, from the summarized days and the log of
    the days not summarized (today). A few queries whatever the period's length."""
    from zvhd.apps_contract import reviewed_records
    from zvhd.privacy.review_days import period_counts

    records, late_records, adding = period_counts(date_from, date_to)
    kinds = reviewed_records()
    types = ContentType.objects.get_for_models(*(kind.model for kind in kinds))
    column_of = {types[kind.model].pk: kind.column for kind in kinds}
    columns = [kind.column for kind in kinds]
    users: dict[tuple, dict] = {}
    for (key, type_id), (count, exported) in records.items():
        if not count:
            continue
        counts = adding[key]
        user = users.setdefault(
            key, _reader_row(key, columns, counts["exports"], counts["first"], counts["last"])
        )
        user[column_of[type_id]] += count
        user["records"] += count
        user["exported"] += exported
    flagged = [user for user in users.values() if user["records"] > threshold]
    flagged.sort(key=lambda user: (-user["records"], user["username"]))
    late = [
        {
            "user_id": key[0],
            "username": key[1],
            "organisation": key[2],
            "reads": counts["late_reads"],
            "weekend": counts["late_weekend"],
            "exports": counts["late_exports"],
            "records": late_records.get(key, 0),
            "first": counts["late_first"],
            "last": counts["late_last"],
        }
        for key, counts in adding.items()
        if counts["late_reads"]
    ]
    # The order the log's query gave: the database's collation is C, Python's order too.
    late.sort(key=lambda row: (-row["reads"], row["username"]))
    return flagged, late


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
        with review_session():
            uninvolved, out_of_hours = review_readers(
                params["date_from"], params["date_to"], params["threshold"]
            )
        context.update(
            period=params,
            # The link from each user to their rows in the log: the period's part once, not
            # formatted again in each of a few hundred rows.
            period_query=urlencode(
                {
                    "date_from": params["date_from"].isoformat(),
                    "date_to": params["date_to"].isoformat(),
                }
            ),
            uninvolved=uninvolved,
            out_of_hours=out_of_hours,
            office_hours=f"{OFFICE_START_HOUR:02d}:00–{OFFICE_END_HOUR:02d}:00",
        )
        return context


@contextmanager
def review_session():
    """The review's queries in one transaction with PostgreSQL's JIT compiler off and room to
    group in memory. A quarter's reads (the longest period) are estimated above
    `jit_above_cost`, and compiling then cost seconds (as with the figures: reports/figures.py);
    the default 4 MB of `work_mem` sent the grouping of a month's reads to disk. `SET LOCAL`
    ends with the transaction."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute("SET LOCAL work_mem = '32MB'")
        yield
