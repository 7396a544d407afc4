"""Writes to the access log. Called by the scoped view mixins and the API, never by templates."""

from django.contrib.contenttypes.models import ContentType

from zvhd import formats
from zvhd.privacy.models import AccessAction, AccessLog


def client_ip(request) -> str | None:
    """The client address as the server saw it; a trusted proxy is configured in settings."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


def access_log_row(
    *,
    user,
    model=None,
    object_id=None,
    action: str,
    allowed: bool = True,
    path: str = "",
    ip_address: str | None = None,
    batch=None,
    description: str = "",
) -> AccessLog:
    """One unsaved access-log row: who (as they are at this moment: name, organisation and
    roles are copied), which record, what, and from where. Every row is built here."""
    signed_in = user is not None and user.is_authenticated
    organisation = getattr(user, "organisation", None) if signed_in else None
    return AccessLog(
        user=user if signed_in else None,
        username=user.get_username() if signed_in else "",
        organisation=str(organisation) if organisation else "",
        roles=", ".join(sorted(user.role_names)) if signed_in else "",
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(object_id or ""),
        action=action,
        allowed=allowed,
        path=path[:500],
        ip_address=ip_address,
        batch=batch,
        description=description[:300],
    )


def request_origin(request) -> dict:
    """Who asked and from where, for `access_log_row`: the user, the page and the address."""
    return {
        "user": request.user,
        "path": request.get_full_path(),
        "ip_address": client_ip(request),
    }


def log_access(
    *,
    request,
    model=None,
    obj=None,
    object_id=None,
    action: str = AccessAction.VIEW,
    allowed: bool = True,
) -> AccessLog:
    """Record one read (or attempted read) of a record with personal data.

    `obj` or (`model` and `object_id`) name the record; a denied attempt names only what was
    asked for, so the log never confirms that a record exists to someone who may not see it.
    """
    if obj is not None:
        model = type(obj)
        object_id = obj.pk
    row = access_log_row(
        model=model, object_id=object_id, action=action, allowed=allowed, **request_origin(request)
    )
    row.save(force_insert=True)
    return row


def log_records_access(*, request, model, object_ids, action: str) -> None:
    """One row per record of `model` shown or exported at once, written in one INSERT.

    Every list page comes here with its 25 rows. The row is built once (`access_log_row`,
    the one builder) and PostgreSQL repeats it for each id (`unnest`): Django's bulk_create
    built, checked and adapted 25 model instances, ~1 ms of CPU on every list page for rows
    that differ only in their id. The commit stays synchronous (README, "Toegangslog")."""
    if not object_ids:
        return
    from django.db import connection
    from django.utils import timezone

    row = access_log_row(model=model, action=action, **request_origin(request))
    row.at = timezone.now()
    fields, sql = _unnest_insert(connection)
    values = [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, [str(pk) for pk in object_ids]])


_UNNEST_INSERT: dict = {}


def _unnest_insert(connection):
    """The fields and the SQL of `log_records_access`'s INSERT, written once per process (the
    column list and casts were ~0.4 ms of every list page)."""
    key = connection.vendor
    if key not in _UNNEST_INSERT:
        fields = [f for f in AccessLog._meta.concrete_fields if f.name not in ("id", "object_id")]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(f"%s::{f.db_type(connection)}" for f in fields)
        _UNNEST_INSERT[key] = (
            fields,
            f"INSERT INTO {quote(AccessLog._meta.db_table)} ({columns}, {quote('object_id')})"
            f" SELECT {placeholders}, unnest(%s::varchar[])",
        )
    return _UNNEST_INSERT[key]


def log_export(*, request, model, object_ids, description: str):
    """An export of a list: one "geëxporteerd" row per record in the file, so the access log
    can say which person files left the system and who took them (README, privacy), written
    in one INSERT and sharing one batch and one moment. The batch opens with one row without a
    record: the export itself, which the log page shows as one line for the whole export (its
    records one click further) and which the access review counts as one event.
    `description` names the list and its filters in words; the path is the export's address
    with its query string.

    The rows differ only in their record, so they are one `INSERT … SELECT` over an array of
    ids: the values of one row built by `access_log_row` (as every row is), the ids unnested.
    For 5,000 records that is one statement with 14 parameters instead of 5,000 model objects
    and 65,000 parameters (BENCHMARKS.md: the export). Returns the batch."""
    import uuid

    from django.db import connection
    from django.utils import timezone

    batch = uuid.uuid4()
    template = access_log_row(
        model=model,
        action=AccessAction.EXPORT,
        batch=batch,
        description=description,
        **request_origin(request),
    )
    template.at = timezone.now()
    columns, values, params = [], [], []
    for field in AccessLog._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(connection.ops.quote_name(field.column))
        if field.name == "object_id":
            values.append("ids.id")
        else:
            values.append(f"%s::{field.db_type(connection)}")
            params.append(field.get_db_prep_save(getattr(template, field.attname), connection))
    ids = ["", *(str(pk) for pk in object_ids)]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(AccessLog._meta.db_table)} "  # noqa: S608
        f"({', '.join(columns)}) SELECT {', '.join(values)} "
        "FROM unnest(%s::varchar[]) WITH ORDINALITY AS ids(id, n) ORDER BY ids.n"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, ids])
    return batch


def log_list_access(*, request, objects=(), model=None, object_ids=()) -> None:
    """One row per record shown on a list page, written in one INSERT.

    Either the `objects` shown, or their `model` and `object_ids` (a list built from plain
    rows, such as the case list, has no model instances to pass).
    """
    if objects:
        model, object_ids = type(objects[0]), [o.pk for o in objects]
    log_records_access(
        request=request, model=model, object_ids=object_ids, action=AccessAction.LIST
    )


# ---------------------------------------------------------------------------------------------
# Reading the log (the privacy officer's search)

LOGGED_TYPES_KEY = "privacy:logged-content-types"
LOGGED_TYPES_SECONDS = 600
# A part of a name that fits more users than this is no search of one person's reads; the form
# asks for more of the name (and the query stays one PostgreSQL plans quickly: each name is
# weighed in every month's table).
MAX_USERNAMES = 50


def logged_content_type_ids() -> list[int]:
    """The kinds of record the log names, for the search's choice list: every distinct
    content type in the log, found by skipping through the record index one kind at a time
    (a DISTINCT over the table read every row, 50 million at full size). Cached ten minutes."""
    from django.core.cache import cache
    from django.db import connection

    ids = cache.get(LOGGED_TYPES_KEY)
    if ids is None:
        with connection.cursor() as cursor:
            cursor.execute(
                """
                WITH RECURSIVE kinds(id) AS (
                    (SELECT content_type_id FROM privacy_accesslog
                     WHERE content_type_id IS NOT NULL ORDER BY content_type_id LIMIT 1)
                    UNION ALL
                    SELECT (SELECT content_type_id FROM privacy_accesslog
                            WHERE content_type_id > kinds.id
                            ORDER BY content_type_id LIMIT 1)
                    FROM kinds WHERE kinds.id IS NOT NULL
                )
                SELECT id FROM kinds WHERE id IS NOT NULL
                """
            )
            ids = [row[0] for row in cursor.fetchall()]
        cache.set(LOGGED_TYPES_KEY, ids, LOGGED_TYPES_SECONDS)
    return ids


def usernames_like(text: str) -> list[str]:
    """The names the log is searched for when the privacy officer types `text`: the user of
    exactly that name (any case) if there is one, else every user whose name contains it,
    and `text` itself for a former name typed in full. The log copies the name at the moment
    of access; matching these exactly uses its index. At most MAX_USERNAMES + 1 names (the
    form refuses a term that fits more users)."""
    from django.db.models import Case, IntegerField, Value, When

    from zvhd.network.models import User

    text = text.strip()
    names = list(
        User.objects.filter(username__icontains=text)
        .annotate(
            exact=Case(
                When(username__iexact=text, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("-exact", "username")
        .values_list("username", "exact")[: MAX_USERNAMES + 1]
    )
    if names and names[0][1]:
        return sorted({text, names[0][0]})
    return sorted({text, *(name for name, _exact in names)})


# ---------------------------------------------------------------------------------------------
# Subject access (inzage)


def register_access_request(*, access_request, registered_by):
    """Register an inzageverzoek (the privacy officer's form)."""
    from django.db import transaction

    with transaction.atomic():
        access_request.registered_by = registered_by
        access_request._history_user = registered_by
        access_request.full_clean()
        access_request.save()
    return access_request


def update_access_request(*, access_request, changed_by, expected_version: int | None = None):
    """Change what an inzageverzoek searches by; a change on an older version than stored is
    refused (EditConflict: no lost updates)."""
    from django.db import transaction

    from zvhd.versions import claim_version

    with transaction.atomic():
        claim_version(access_request, expected_version=expected_version)
        access_request._history_user = changed_by
        access_request.full_clean()
        access_request.save()
    return access_request


def request_access_pdf(*, access_request, user, request) -> None:
    """Queue the inzage-PDF of `access_request`; the generation itself goes to the access log."""
    from django.db import transaction

    from zvhd.jobs import JobStatus, enqueue_on_commit, mark_not_queued
    from zvhd.privacy.models import SubjectAccessRequest, SubjectAccessStatus

    with transaction.atomic():
        access_request.pdf_status = JobStatus.PENDING
        access_request.pdf_requested_by = user
        if access_request.status == SubjectAccessStatus.RECEIVED:
            access_request.status = SubjectAccessStatus.IN_PROGRESS
        access_request.save(update_fields=["pdf_status", "pdf_requested_by", "status"])
        log_access(request=request, obj=access_request, action=AccessAction.EXPORT)
        enqueue_on_commit(
            "zvhd.privacy.tasks.render_access_pdf",
            access_request.pk,
            on_failure=mark_not_queued(SubjectAccessRequest, prefix="pdf_"),
        )


def access_log_for(records) -> list[AccessLog]:
    """The access-log rows of every record in `records` (model instances), oldest first."""
    from django.db.models import Q

    condition = Q(pk__in=[])
    by_type: dict[int, set[str]] = {}
    for obj in records:
        content_type = ContentType.objects.get_for_model(type(obj))
        by_type.setdefault(content_type.pk, set()).add(str(obj.pk))
    for content_type_id, ids in by_type.items():
        condition |= Q(content_type_id=content_type_id, object_id__in=ids)
    return list(
        AccessLog.objects.filter(condition).select_related("content_type").order_by("at", "pk")
    )


def render_access_pdf(access_request) -> None:
    """Find the person everywhere, write the PDF and mark the request handled (in a task)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from zvhd.pdf import render_pdf
    from zvhd.privacy.models import SubjectAccessStatus
    from zvhd.privacy.registry import find_person

    sections = find_person(
        bsn=access_request.bsn,
        last_name=access_request.last_name,
        birth_date=access_request.birth_date,
    )
    entries = []
    attachments = []
    for _label, found in sections:
        for record in found:
            record.access = access_log_for(record.logged)
            entries.append(record)
            for name, body in record.attachments:
                if hasattr(body, "open"):
                    with body.open("rb") as handle:
                        body = handle.read()
                attachments.append((name, body))
    now = timezone.now()
    pdf = render_pdf(
        "privacy/subject_access_pdf.html",
        {
            "access_request": access_request,
            "sections": sections,
            "made_at": now,
            "total": len(entries),
        },
        attachments=attachments,
    )
    access_request.pdf.save(f"inzage-{access_request.pk}.pdf", ContentFile(pdf), save=False)
    access_request.handled_on = timezone.localdate()
    access_request.status = SubjectAccessStatus.HANDLED
    access_request.save(update_fields=["pdf", "handled_on", "status"])
    # Each record put into the PDF counts as exported by the privacy officer who asked for it.
    user = access_request.pdf_requested_by
    if user is not None:
        AccessLog.objects.bulk_create(
            access_log_row(
                user=user,
                model=type(obj),
                object_id=obj.pk,
                action=AccessAction.EXPORT,
                path=f"inzageverzoek {access_request.pk}",
            )
            for record in entries
            for obj in record.logged
        )


# ---------------------------------------------------------------------------------------------
# Retention and destruction (README "Bewaartermijnen en vernietiging")


def _refuse(field: str, message: str):
    from django.core.exceptions import ValidationError

    raise ValidationError({field: message})


def update_retention_policy(
    *, policy, years: int, rationale: str, updated_by, expected_version: int | None = None
):
    """Change the term of one kind; the history keeps the old term and who changed it. A
    change on an older version than stored is refused (EditConflict: no lost updates)."""
    from django.db import transaction

    from zvhd.privacy.models import MAX_TERM_YEARS, MIN_TERM_YEARS
    from zvhd.versions import claim_version

    if not MIN_TERM_YEARS <= years <= MAX_TERM_YEARS:
        _refuse(
            "years",
            f"Kies een termijn van {MIN_TERM_YEARS} tot en met {MAX_TERM_YEARS} jaar.",
        )
    if not rationale.strip():
        _refuse("rationale", "Geef de onderbouwing van de termijn.")
    with transaction.atomic():
        claim_version(policy, expected_version=expected_version)
        policy.years = years
        policy.rationale = rationale.strip()
        policy.updated_by = updated_by
        policy._change_reason = "Termijn gewijzigd door de privacy officer"
        policy.save()
    return policy


def extend_retention(*, record, extra_years: int, reason: str, extended_by):
    """Extend one record's term, once. A second extension is refused."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    from zvhd.privacy.models import MAX_EXTENSION_YEARS, RetentionExtension
    from zvhd.privacy.retention import destroyed_by_key

    content_type = ContentType.objects.get_for_model(record.model)
    earlier = RetentionExtension.objects.filter(
        content_type=content_type, object_id=record.pk
    ).first()
    if earlier is not None:
        _refuse(
            "extra_years",
            f"De bewaartermijn van {record.number} is al eens verlengd (op "
            f"{formats.short_date(earlier.extended_at)}, met {earlier.extra_years} jaar). "
            "Een termijn mag maar één keer worden verlengd; plaats een bevriezing als het "
            "record langer moet blijven.",
        )
    if not 1 <= extra_years <= MAX_EXTENSION_YEARS:
        _refuse("extra_years", f"Verleng met 1 tot en met {MAX_EXTENSION_YEARS} jaar.")
    if not reason.strip():
        _refuse("reason", "Geef de reden van de verlenging.")
    if destroyed_by_key(content_type.pk, record.pk):
        _refuse("extra_years", f"{record.number} is al vernietigd.")
    try:
        with transaction.atomic():
            extension = RetentionExtension(
                content_type=content_type,
                object_id=record.pk,
                kind=record.kind,
                number=record.number,
                extra_years=extra_years,
                reason=reason.strip(),
                extended_by=extended_by,
            )
            extension._change_reason = "Bewaartermijn verlengd"
            extension.save()
    except IntegrityError:  # a second request at the same moment
        _refuse("extra_years", f"De bewaartermijn van {record.number} is al eens verlengd.")
    return extension


def place_legal_hold(*, record, reason: str, placed_by):
    """Freeze a record: it is not destroyed, whatever its term, until the hold is lifted."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import IntegrityError, transaction

    from zvhd.privacy.models import LegalHold
    from zvhd.privacy.retention import destroyed_by_key

    content_type = ContentType.objects.get_for_model(record.model)
    if LegalHold.objects.filter(
        content_type=content_type, object_id=record.pk, lifted_at__isnull=True
    ).exists():
        _refuse("reason", f"{record.number} is al bevroren.")
    if not reason.strip():
        _refuse("reason", "Geef de reden van de bevriezing (bijvoorbeeld een lopende procedure).")
    if destroyed_by_key(content_type.pk, record.pk):
        _refuse("reason", f"{record.number} is al vernietigd.")
    try:
        with transaction.atomic():
            hold = LegalHold(
                content_type=content_type,
                object_id=record.pk,
                kind=record.kind,
                number=record.number,
                reason=reason.strip(),
                placed_by=placed_by,
            )
            hold._change_reason = "Bevriezing geplaatst"
            hold.save()
    except IntegrityError:
        _refuse("reason", f"{record.number} is al bevroren.")
    return hold


def lift_legal_hold(*, hold, reason: str, lifted_by):
    from django.db import transaction
    from django.utils import timezone

    if not hold.active:
        _refuse("lift_reason", "Deze bevriezing is al opgeheven.")
    if not reason.strip():
        _refuse("lift_reason", "Geef de reden van het opheffen.")
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = lifted_by
        hold.lift_reason = reason.strip()
        hold._change_reason = "Bevriezing opgeheven"
        hold.save()
    return hold


def _lock_proposals(cursor) -> None:
    """One proposal at a time (two beat runs, or a run and a manual one, wait for each other)."""
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [0x5A564844])


def propose_destruction(*, today=None):
    """Put every record now due on the open proposed list (made if there is none).

    Safe to run twice: a record already on a list that is not executed is not added again.
    Returns the list, or None when nothing is due.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from zvhd.privacy.models import DestructionItem, DestructionList, DestructionStatus
    from zvhd.privacy.retention import due_records

    today = today or timezone.localdate()
    with transaction.atomic():
        with connection.cursor() as cursor:
            _lock_proposals(cursor)
        due = due_records(today)
        if not due:
            return None
        destruction_list = (
            DestructionList.objects.filter(status=DestructionStatus.PROPOSED).order_by("pk").first()
        )
        if destruction_list is None:
            destruction_list = DestructionList(proposed_on=today)
            destruction_list._change_reason = "Voorgesteld door de dagelijkse controle"
            destruction_list.save()
        bulk_create_with_history(
            [
                DestructionItem(
                    destruction_list=destruction_list,
                    content_type=ContentType.objects.get_for_model(d.record.model),
                    object_id=d.record.pk,
                    kind=d.record.kind,
                    number=d.record.number,
                    closed_on=d.record.closed_on,
                    term_ended_on=d.term_ended_on,
                )
                for d in due
            ],
            DestructionItem,
            default_change_reason="Bewaartermijn verstreken",
        )
        return destruction_list


def _locked(destruction_list):
    """The list read again under a row lock: two people pressing a button at once act in turn,
    and the second sees what the first did (call inside a transaction)."""
    from zvhd.privacy.models import DestructionList

    return DestructionList.objects.select_for_update().get(pk=destruction_list.pk)


def _move_list(destruction_list, to: str, reason: str):
    from zvhd.privacy.models import DESTRUCTION_TRANSITIONS

    if to not in DESTRUCTION_TRANSITIONS[destruction_list.status]:
        _refuse(
            "__all__",
            f"Deze lijst is {destruction_list.get_status_display().lower()}; dat kan nu niet.",
        )
    destruction_list.status = to
    destruction_list._change_reason = reason


def exclude_destruction_item(*, item, reason: str, excluded_by):
    """Keep one record off the destruction (with the reason); only while the list is proposed.

    A frozen record is refused: the hold already keeps it from being destroyed, and the page
    shows it as frozen rather than offering this."""
    from django.db import transaction

    from zvhd.privacy.models import DestructionStatus
    from zvhd.privacy.retention import is_held

    if not reason.strip():
        _refuse("reason", "Geef de reden waarom dit record niet wordt vernietigd.")
    with transaction.atomic():
        # Locked, so a review cannot slip in between this check and the save.
        if _locked(item.destruction_list).status != DestructionStatus.PROPOSED:
            _refuse("reason", "Uitzonderen kan alleen zolang de lijst nog niet is beoordeeld.")
        item.refresh_from_db()
        if item.excluded:
            _refuse("reason", f"{item.number} is al uitgezonderd.")
        if is_held(item.content_type_id, item.object_id):
            _refuse(
                "__all__",
                f"{item.number} is bevroren en wordt niet vernietigd zolang de bevriezing duurt; "
                "uitzonderen is niet nodig.",
            )
        item.excluded = True
        item.exclude_reason = reason.strip()
        item.excluded_by = excluded_by
        item._change_reason = "Uitgezonderd van vernietiging"
        item.save()
    return item


def review_destruction_list(*, destruction_list, reviewed_by):
    """The privacy officer has checked the list: it goes to a second person for approval."""
    from django.db import transaction
    from django.utils import timezone

    from zvhd.privacy.models import REVIEWER_ROLES, DestructionStatus

    if not reviewed_by.has_role(*REVIEWER_ROLES):
        _refuse("__all__", "Alleen de privacy officer beoordeelt een vernietigingslijst.")
    with transaction.atomic():
        destruction_list = _locked(destruction_list)
        _move_list(destruction_list, DestructionStatus.REVIEWED, "Beoordeeld")
        destruction_list.reviewed_by = reviewed_by
        destruction_list.reviewed_at = timezone.now()
        destruction_list.save()
    return destruction_list


def return_destruction_list(*, destruction_list, reason: str, returned_by):
    """The approver sends the list back for another review (nothing is destroyed)."""
    from django.db import transaction

    from zvhd.privacy.models import APPROVER_ROLES, DestructionStatus

    if not returned_by.has_role(*APPROVER_ROLES):
        _refuse("__all__", "U mag deze lijst niet terugsturen.")
    if not reason.strip():
        _refuse("reason", "Geef de reden van het terugsturen.")
    with transaction.atomic():
        destruction_list = _locked(destruction_list)
        _move_list(destruction_list, DestructionStatus.PROPOSED, f"Teruggestuurd: {reason}"[:100])
        destruction_list.reviewed_by = None
        destruction_list.reviewed_at = None
        destruction_list.save()
    return destruction_list


def approve_destruction_list(*, destruction_list, approved_by):
    """A second person approves (four eyes); the destruction then runs as a Celery task."""
    from django.db import transaction
    from django.utils import timezone

    from zvhd.jobs import JobStatus, enqueue_on_commit, mark_not_queued
    from zvhd.privacy.models import APPROVER_ROLES, DestructionList, DestructionStatus

    if not approved_by.has_role(*APPROVER_ROLES):
        _refuse(
            "__all__",
            "Alleen een privacy officer of de manager keurt een vernietigingslijst goed.",
        )
    with transaction.atomic():
        destruction_list = _locked(destruction_list)
        if destruction_list.reviewed_by_id == approved_by.pk:
            _refuse(
                "__all__",
                "U heeft deze lijst zelf beoordeeld. Een tweede persoon moet goedkeuren "
                "(vier-ogenprincipe).",
            )
        _move_list(destruction_list, DestructionStatus.APPROVED, "Goedgekeurd")
        destruction_list.approved_by = approved_by
        destruction_list.approved_at = timezone.now()
        destruction_list.destroy_status = JobStatus.PENDING
        destruction_list.save()
        enqueue_on_commit(
            "zvhd.privacy.tasks.execute_destruction_list",
            destruction_list.pk,
            on_failure=mark_not_queued(DestructionList, prefix="destroy_"),
        )
    return destruction_list


def retry_destruction(*, destruction_list, user):
    """Queue the destruction (or the certificate) again after it could not be queued or failed."""
    from zvhd.jobs import JobStatus, enqueue_on_commit, mark_not_queued
    from zvhd.privacy.models import DestructionList, DestructionStatus

    if destruction_list.status == DestructionStatus.APPROVED:
        destruction_list.destroy_status = JobStatus.PENDING
        destruction_list._change_reason = "Vernietiging opnieuw in de wachtrij"
        destruction_list.save()
        enqueue_on_commit(
            "zvhd.privacy.tasks.execute_destruction_list",
            destruction_list.pk,
            on_failure=mark_not_queued(DestructionList, prefix="destroy_"),
        )
    elif destruction_list.status == DestructionStatus.EXECUTED:
        _queue_certificate(destruction_list)


def _queue_certificate(destruction_list):
    from zvhd.jobs import JobStatus, enqueue_on_commit, mark_not_queued
    from zvhd.privacy.models import DestructionList

    destruction_list.certificate_status = JobStatus.PENDING
    destruction_list.save(update_fields=["certificate_status"])
    enqueue_on_commit(
        "zvhd.privacy.tasks.render_destruction_certificate",
        destruction_list.pk,
        on_failure=mark_not_queued(DestructionList, prefix="certificate_"),
    )


def scrub_access_log_paths(model, ids) -> int:
    """Drop the query string (a search term may be a name) from the access-log rows of `ids`.

    The access log is append-only; this, like the retention purge, bypasses the guard on
    purpose: the rows stay (who read which record when), only the search text goes.
    """
    from django.db.models import F, Value
    from django.db.models.functions import Left, StrIndex
    from django.db.models.query import QuerySet

    content_type = ContentType.objects.get_for_model(model)
    rows = AccessLog.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids], path__contains="?"
    )
    return QuerySet.update(rows, path=Left(F("path"), StrIndex(F("path"), Value("?")) - 1)) or 0


def execute_destruction_list(destruction_list) -> None:
    """Anonymise every approved record on the list (in a task; run_job owns the status).

    Safe to run twice: records already destroyed are skipped. A record frozen now, or frozen
    at any time since the list was proposed, is left alone and marked excluded with that
    reason.
    """
    from django.apps import apps
    from django.db import transaction
    from django.utils import timezone

    from zvhd.privacy.models import DestructionStatus, LegalHold
    from zvhd.privacy.registry import anonymise

    if destruction_list.status == DestructionStatus.EXECUTED:
        return
    if destruction_list.status != DestructionStatus.APPROVED:
        raise ValueError(f"List {destruction_list.pk} is not approved")
    reason = f"Vernietigd volgens vernietigingslijst {destruction_list.pk}"
    items = list(
        destruction_list.items.filter(excluded=False, destroyed_at__isnull=True).select_related(
            "content_type"
        )
    )
    held = set(
        LegalHold.objects.filter(lifted_at__isnull=True).values_list("content_type_id", "object_id")
    )
    # A record frozen at any time since the proposal, even if the hold is lifted by now, was
    # not what the approvers approved for destruction (the page showed it as frozen): it
    # waits for the next check, as a lifted hold promises (README, "Verlengen en bevriezen").
    held_since_proposal = set(
        LegalHold.objects.filter(placed_at__date__gte=destruction_list.proposed_on).values_list(
            "content_type_id", "object_id"
        )
    )
    by_type: dict = {}
    for item in items:
        key = (item.content_type_id, item.object_id)
        if key in held or key in held_since_proposal:
            with transaction.atomic():
                item.excluded = True
                item.exclude_reason = (
                    "Bevroren; niet vernietigd."
                    if key in held
                    else "Bevroren geweest sinds het voorstel; niet vernietigd. Komt bij de "
                    "volgende controle terug."
                )
                item._change_reason = "Uitgezonderd: bevroren"
                item._history_user = destruction_list.approved_by
                item.save()
            continue
        by_type.setdefault(item.content_type, []).append(item)
    for content_type, group in by_type.items():
        label = f"{content_type.app_label}.{content_type.model}"
        ids = [item.object_id for item in group]
        with transaction.atomic():
            anonymise(label, ids, reason=reason)
            scrub_access_log_paths(apps.get_model(label), ids)
            now = timezone.now()
            for item in group:
                item.destroyed_at = now
                item._change_reason = reason
                # A task has no request: the history names the approver who decided it.
                item._history_user = destruction_list.approved_by
                item.save()
    with transaction.atomic():
        destruction_list.status = DestructionStatus.EXECUTED
        destruction_list.executed_at = timezone.now()
        destruction_list._change_reason = "Uitgevoerd"
        destruction_list._history_user = destruction_list.approved_by
        destruction_list.save()
        _queue_certificate(destruction_list)


def certificate_context(destruction_list) -> dict:
    """The view-model of the certificate: kinds, counts, numbers, ids, dates, who. No names."""
    from django.utils import timezone

    from zvhd.privacy.models import RetentionKind
    from zvhd.privacy.registry import destroyed_attachments

    items = list(destruction_list.items.select_related("content_type").order_by("kind", "pk"))
    destroyed = [i for i in items if i.destroyed_at]
    # What other apps kept on the destroyed records (case documents), by internal id only.
    by_label: dict = {}
    for item in destroyed:
        label = f"{item.content_type.app_label}.{item.content_type.model}"
        by_label.setdefault(label, []).append(item)
    for label, group in by_label.items():
        attached = destroyed_attachments(label, [i.object_id for i in group])
        for item in group:
            item.attached = attached.get(int(item.object_id), [])
    excluded = [i for i in items if i.excluded]
    labels = dict(RetentionKind.choices)
    counts = []
    for kind in RetentionKind.values:
        n = sum(1 for i in destroyed if i.kind == kind)
        if n:
            counts.append((labels[kind], n))
    return {
        "destruction_list": destruction_list,
        "destroyed": destroyed,
        "excluded": excluded,
        "counts": counts,
        "total": len(destroyed),
        "made_at": timezone.now(),
    }


def render_destruction_certificate(destruction_list) -> None:
    from django.core.files.base import ContentFile

    from zvhd.pdf import render_pdf

    pdf = render_pdf(
        "privacy/destruction_certificate_pdf.html", certificate_context(destruction_list)
    )
    destruction_list.certificate.save(
        f"verklaring-vernietiging-{destruction_list.pk}.pdf", ContentFile(pdf), save=False
    )
    destruction_list.save(update_fields=["certificate"])
