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
