"""Writes to the access log. Called by the scoped view mixins and the API, never by templates."""

from django.contrib.contenttypes.models import ContentType

from zvhd.privacy.models import AccessAction, AccessLog


def client_ip(request) -> str | None:
    """The client address as the server saw it; a trusted proxy is configured in settings."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


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
    user = request.user
    if obj is not None:
        model = type(obj)
        object_id = obj.pk
    organisation = getattr(user, "organisation", None) if user.is_authenticated else None
    return AccessLog.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        organisation=str(organisation) if organisation else "",
        roles=", ".join(sorted(user.role_names)) if user.is_authenticated else "",
        content_type=ContentType.objects.get_for_model(model) if model is not None else None,
        object_id=str(object_id or ""),
        action=action,
        allowed=allowed,
        path=request.get_full_path()[:500],
        ip_address=client_ip(request),
    )


def log_list_access(*, request, objects) -> None:
    """One row per record shown on a list page, written in one INSERT."""
    if not objects:
        return
    user = request.user
    organisation = getattr(user, "organisation", None)
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    common = {
        "user": user,
        "username": user.get_username(),
        "organisation": str(organisation) if organisation else "",
        "roles": ", ".join(sorted(user.role_names)),
        "content_type": content_type,
        "action": AccessAction.LIST,
        "allowed": True,
        "path": request.get_full_path()[:500],
        "ip_address": client_ip(request),
    }
    AccessLog.objects.bulk_create(AccessLog(object_id=str(o.pk), **common) for o in objects)


# ---------------------------------------------------------------------------------------------
# Subject access (inzage)


def request_access_pdf(*, access_request, user, request) -> None:
    """Queue the inzage-PDF of `access_request`; the generation itself goes to the access log."""
    from django.db import transaction

    from zvhd.jobs import JobStatus, enqueue_on_commit, mark_not_queued
    from zvhd.privacy import tasks
    from zvhd.privacy.models import SubjectAccessRequest, SubjectAccessStatus

    with transaction.atomic():
        access_request.pdf_status = JobStatus.PENDING
        access_request.pdf_requested_by = user
        if access_request.status == SubjectAccessStatus.RECEIVED:
            access_request.status = SubjectAccessStatus.IN_PROGRESS
        access_request.save(update_fields=["pdf_status", "pdf_requested_by", "status"])
        log_access(request=request, obj=access_request, action=AccessAction.EXPORT)
        enqueue_on_commit(
            tasks.render_access_pdf,
            access_request.pk,
            on_failure=mark_not_queued(SubjectAccessRequest, field="pdf_status"),
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
    for _label, found in sections:
        for record in found:
            record.access = access_log_for(record.logged)
            entries.append(record)
    now = timezone.now()
    pdf = render_pdf(
        "privacy/subject_access_pdf.html",
        {
            "access_request": access_request,
            "sections": sections,
            "made_at": now,
            "total": len(entries),
        },
    )
    access_request.pdf.save(f"inzage-{access_request.pk}.pdf", ContentFile(pdf), save=False)
    access_request.handled_on = timezone.localdate()
    access_request.status = SubjectAccessStatus.HANDLED
    access_request.save(update_fields=["pdf", "handled_on", "status"])
    # Each record put into the PDF counts as exported by the privacy officer who asked for it.
    user = access_request.pdf_requested_by
    if user is not None:
        organisation = getattr(user, "organisation", None)
        AccessLog.objects.bulk_create(
            AccessLog(
                user=user,
                username=user.get_username(),
                organisation=str(organisation) if organisation else "",
                roles=", ".join(sorted(user.role_names)),
                content_type=ContentType.objects.get_for_model(type(obj)),
                object_id=str(obj.pk),
                action=AccessAction.EXPORT,
                allowed=True,
                path=f"inzageverzoek {access_request.pk}",
            )
            for record in entries
            for obj in record.logged
        )
