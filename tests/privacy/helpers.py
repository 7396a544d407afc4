"""Access-log rows at a chosen moment (the model stamps `at` itself with auto_now_add)."""

from unittest import mock

from django.contrib.contenttypes.models import ContentType

from zvhd.privacy.models import AccessAction, AccessLog


def log_at(moment, *, user=None, obj=None, action=AccessAction.VIEW, allowed=True):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return AccessLog.objects.create(
            user=user,
            username=user.get_username() if user else "",
            organisation=str(user.organisation) if user else "",
            roles=", ".join(sorted(user.role_names)) if user else "",
            content_type=ContentType.objects.get_for_model(type(obj)) if obj else None,
            object_id=str(obj.pk) if obj else "",
            action=action,
            allowed=allowed,
            path="/test/",
        )
