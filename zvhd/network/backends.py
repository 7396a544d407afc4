"""The authentication backend: allauth's username login, with a cheaper user per request."""

import threading

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.db import connections
from django.db.models.query import get_related_populators


class AuthenticationBackend(AllauthBackend):
    """Logs in exactly as allauth does; `get_user` (every request) reads the user in one query.

    Every page needs the user's organisation (the access log), roles (menu and scopes) and
    whether a second factor is set up (SecondFactorRequiredMiddleware). Read lazily these were
    four queries per request; `User.objects.for_request()` answers them in one, fresh on every
    request, so nothing about roles or the second factor is cached across requests.
    """

    def get_user(self, user_id):
        try:
            user = _REQUEST_USER.get(user_id)
        except (TypeError, ValueError):  # a session holding something that is no user id
            return None
        if user is None or not self.user_can_authenticate(user):
            return None
        return user.with_request_annotations()


class _PreparedUserQuery:
    """`User.objects.for_request().get(pk=...)`, with its SQL compiled once per process.

    The query has three subqueries (roles, second factor, the apps' per-request counts) and two
    joins; Django compiled it again on every request, which cost ten times its execution (about
    3 ms of CPU against 0.3 ms, issue 24) on every page. Here Django compiles it once, for a
    placeholder id, and each request runs the same SQL with its own id; the rows become a user
    as Django's own iterator makes them (`Model.from_db`, the select_related populators,
    the annotations as attributes). The data stays fresh: only the SQL text is kept.
    """

    PLACEHOLDER = 2_147_483_000  # an id no user has; its position among the parameters is kept

    def __init__(self):
        self._lock = threading.Lock()
        self._prepared = None

    def _prepare(self):
        from zvhd.network.models import User

        queryset = User.objects.for_request().filter(pk=self.PLACEHOLDER)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        params = list(params)
        positions = [i for i, p in enumerate(params) if type(p) is int and p == self.PLACEHOLDER]
        if len(positions) != 1:  # pragma: no cover - a change in Django's compiler
            raise RuntimeError("the user query's id parameter was not found")
        return queryset, compiler, sql, params, positions[0]

    def get(self, user_id):
        user_id = int(user_id)
        if self._prepared is None:
            with self._lock:
                if self._prepared is None:
                    self._prepared = self._prepare()
        queryset, compiler, sql, params, position = self._prepared
        params = list(params)
        params[position] = user_id
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return None
        klass_info, select = compiler.klass_info, compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        row = next(iter(compiler.results_iter([rows])))
        user = klass_info["model"].from_db(
            queryset.db, init_list, row[start:end], fetch_mode=queryset._fetch_mode
        )
        for populator in get_related_populators(
            klass_info, select, queryset.db, queryset._fetch_mode
        ):
            populator.populate(row, user)
        for name, position in compiler.annotation_col_map.items():
            setattr(user, name, row[position])
        return user


_REQUEST_USER = _PreparedUserQuery()
