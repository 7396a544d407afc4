"""The authentication backend: allauth's username login, with a cheaper user per request."""

from __future__ import annotations

import copy
import threading
from types import SimpleNamespace

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.db import connections
from django.db.models.query import ModelIterable

# No user has this pk: it marks where the pk goes among the compiled query's parameters.
_PK_MARK = -987_654_321


class _CompiledUserQuery:
    """`User.objects.for_request().filter(pk=…)` compiled to SQL once per process.

    Building that queryset (three subqueries, two joins) and compiling it was ~2.5 ms of CPU on
    every request, more than half of the bare page's (issue 24, BENCHMARKS.md "Page-speed
    matrix"); only the pk changes between requests. The SQL and the compiler's column map are
    kept; each request runs the same SQL with its own pk and builds the user through Django's
    own `ModelIterable` (select_related, annotations and converters as `.get()` would). The
    row itself is read fresh every time: nothing about roles or the second factor is cached.
    """

    def __init__(self):
        from zvhd.network.models import User

        queryset = User.objects.for_request().filter(pk=_PK_MARK)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        if list(params).count(_PK_MARK) != 1:  # pragma: no cover - a change in Django
            raise RuntimeError("the user query's pk parameter was not found")
        self.queryset = queryset
        self.compiler = compiler
        self.sql = sql
        self.params = tuple(params)

    def get(self, pk):
        params = tuple(pk if p == _PK_MARK else p for p in self.params)
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.queryset.db]  # this thread's connection
        compiler.as_sql = lambda *args, **kwargs: (self.sql, params)
        stub = SimpleNamespace(
            db=self.queryset.db,
            model=self.queryset.model,
            _fetch_mode=self.queryset._fetch_mode,
            _known_related_objects={},
            query=SimpleNamespace(get_compiler=lambda using: compiler),
        )
        return next(iter(ModelIterable(stub)), None)


_compiled: _CompiledUserQuery | None = None
_lock = threading.Lock()


def _user_query() -> _CompiledUserQuery:
    global _compiled
    if _compiled is None:
        with _lock:
            if _compiled is None:
                _compiled = _CompiledUserQuery()
    return _compiled


class AuthenticationBackend(AllauthBackend):
    """Logs in exactly as allauth does; `get_user` (every request) reads the user in one query.

    Every page needs the user's organisation (the access log), roles (menu and scopes) and
    whether a second factor is set up (SecondFactorRequiredMiddleware). Read lazily these were
    four queries per request; `User.objects.for_request()` answers them in one, fresh on every
    request, so nothing about roles or the second factor is cached across requests. Its SQL
    is compiled once per process (`_CompiledUserQuery`).
    """

    def get_user(self, user_id):
        from zvhd.network.models import User

        try:
            pk = User._meta.pk.to_python(user_id)
        except Exception:
            return None
        user = _user_query().get(pk)
        if user is None:
            return None
        if not self.user_can_authenticate(user):
            return None
        return user.with_request_annotations()
