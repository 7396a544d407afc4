"""The one door to guarded data (CONVENTIONS rule 1).

Every guarded model's default manager is built from a `GuardedQuerySet` subclass that
implements `visible_to(user, action)`. That method is the only place that decides who sees what;
django-guardian's object permissions live behind it (see `with_object_permission`). Views reach
guarded data only through `zvhd.views.ScopedMixin`, which applies `visible_to` before any
handler runs, so a record out of scope is a 404 and a record in scope without the right to the
action is a 403.
"""

from __future__ import annotations

from django.db import models

VIEW = "view"
CHANGE = "change"
ADD = "add"
DELETE = "delete"


class GuardedQuerySet(models.QuerySet):
    """Base for the queryset of every model that holds data not everybody may see."""

    guarded = True

    def visible_to(self, user, action: str = VIEW):  # pragma: no cover - abstract
        raise NotImplementedError(f"{self.model.__name__} must say who may {action} it.")


class ScopedChildQuerySet(GuardedQuerySet):
    """Child records scoped through their parent (CONVENTIONS rule 1): a child is visible for
    an action exactly when its parent is visible for the matching action on the parent.

    `parent_path` is the lookup from the child to the parent ("case", "line__year"); the
    parent model follows from it, and its own `visible_to` decides. `parent_action(action)`
    says which action on the parent an action on the child needs (the same one unless a
    subclass says otherwise, e.g. reading a case's child needs the case file, "details").
    """

    parent_path: str = ""

    def parent_action(self, action: str) -> str:
        return action

    def parent_model(self) -> type[models.Model]:
        model = self.model
        for name in self.parent_path.split("__"):
            model = model._meta.get_field(name).related_model
        return model

    def visible_to(self, user, action: str = VIEW):
        parents = self.parent_model()._default_manager.visible_to(user, self.parent_action(action))
        return self.filter(**{f"{self.parent_path}__in": parents.values("pk")})


def with_object_permission(queryset, user, perm: str):
    """Rows of `queryset` on which `user` holds the guardian permission `perm` directly.

    Models use direct foreign-key permission tables (guardian's `UserObjectPermissionBase`
    subclasses) so this is a join on an indexed integer column, not a generic-relation scan.
    """
    from guardian.shortcuts import get_objects_for_user

    return get_objects_for_user(
        user,
        perm,
        klass=queryset,
        use_groups=False,
        with_superuser=False,
        accept_global_perms=False,
    )


def grant(user, perm: str, obj) -> None:
    """Give `user` the object permission `perm` on `obj`. Only services call this."""
    from guardian.shortcuts import assign_perm

    assign_perm(perm, user, obj)


def revoke(user, perm: str, obj) -> None:
    from guardian.shortcuts import remove_perm

    remove_perm(perm, user, obj)
