import os

import pytest
from django.core.cache import cache

from tests import databases
from tests.cast import CAST_USERS, build_cast, load_cast

MIGRATED_TEMPLATE = pytest.StashKey[str]()


@pytest.fixture
def cast(db):
    """One user per role (see tests/cast.py).

    Made once a session, committed in the test database (`django_db_setup` below), so every
    test's transaction starts with it and rolls back what the test changed; a test reads it
    in three queries instead of building it in ~280. A transactional test empties the
    database when it ends (`flush`); `_cast_after_flush` then makes the cast again, as the
    reference data is loaded again (zvhd/network/reference.py)."""
    return load_cast()


def _cast_after_flush(sender, using="default", **kwargs):
    """post_migrate after a flush (once, for the network app): put the cast back."""
    from zvhd.network.models import User

    if using == "default" and not User.objects.filter(username=CAST_USERS[-1]).exists():
        build_cast()


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client logged in as `user` (second factor already done)."""

    def login(user):
        client.force_login(user)
        return client

    return login


# Tests that must run in one process when the suite runs in several (pytest-xdist,
# `--dist loadgroup`): the drills and the IDOR probe share one seeded demo database named after
# DATABASE_URL's (seeded once), and they, the real Celery workers and the cache drills use
# fixed Redis databases and start servers of their own.
ONE_PROCESS_FIXTURES = {"seeded_drill_database", "demo_database", "federation_peer"}
ONE_PROCESS_FILES = (
    "tests/ops/",
    "tests/zvhd/test_shared_cache.py",
    "tests/zvhd/test_no_personal_data_in_logs.py",
    "tests/zvhd/test_celery_worker.py",
    "tests/federation/test_two_instances.py",
    "tests/imports/test_import_bounds.py",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.nodeid.replace("\\", "/")
        if (
            path.startswith(ONE_PROCESS_FILES)
            or item.get_closest_marker("celery_worker")
            or ONE_PROCESS_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.xdist_group("one-process"))


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Empty the tables after a transactional test with DELETE instead of one TRUNCATE.

    Browser tests and the drills commit their rows (`transaction=True`), and Django empties
    every table after each of them (`flush`). On PostgreSQL that is one TRUNCATE of all ~150
    tables, which gives every table, index and TOAST table a new file: 3-6 s per test on
    the 2-core CI machine, for tables that hold a few dozen rows. DELETE empties the same
    tables in a fraction of a second. The order does not matter: Django makes foreign keys
    DEFERRABLE INITIALLY DEFERRED and flush runs in one transaction, so they are checked
    at its commit, when every table is empty. Sequences are not reset either way
    (transactional tests flush with reset_sequences=False); a flush that asks for a reset
    or for CASCADE gets Django's own TRUNCATE.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(
                self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {self.quote_name(table)};" for table in tables]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DatabaseOperations, "sql_flush", sql_flush)
        yield


# The test database's start state (reference data, content types, permissions, the cast) as
# `django_db_setup` left it, per database name: what a transactional test is reset to.
START_STATE: dict[str, list] = {}


@pytest.fixture(scope="session", autouse=True)
def _reset_to_start():
    """After a transactional test, put the start state back instead of `flush`.

    Django empties every table after a transactional test (the browser tests and the drills)
    and then runs the post_migrate handlers again: the reference data, content types,
    permissions and (`_cast_after_flush`) the cast, all checked one by one. That was ~1.9 s
    per test on the 2-core CI machine, ~100 tests a run. `databases.reset_to_start_state`
    empties the tables and copies the start state back from the copy made at the session's
    start, in one transaction (~0.4 s). A database without that copy (a drill's own) is
    flushed as before; a test's own `call_command("flush")` is Django's, as before.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def _fixture_teardown(self):
        names = list(self._databases_names(include_mirrors=False))
        kept = [START_STATE.get(connections[name].settings_dict["NAME"]) for name in names]
        if self.available_apps is not None or self.serialized_rollback or None in kept:
            return flush(self)
        for name, state in zip(names, kept, strict=True):
            databases.reset_to_start_state(connections[name], state)
        ContentType.objects.clear_cache()
        return None

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", _fixture_teardown)
        yield


@pytest.fixture(autouse=True)
def _the_projects_celery_app_stays_current():
    """A test that makes a Celery app of its own must not leave it current: every
    @shared_task sends through the current app (tests/zvhd/test_celery_worker.py did)."""
    from celery import current_app

    from zvhd.celery import app

    yield
    if current_app._get_current_object() is not app:
        app.set_current()
        pytest.fail("this test left another Celery app current (use set_as_current=False)")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (it is Redis in CI and keeps used TOTP codes)."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _lookup_lists_read(_empty_cache, request):
    """The lookup lists (zvhd.terms) are read once per process, again after a change and after
    `MAX_AGE` seconds; read them afresh as a database test starts, so that a pinned query count
    depends neither on which test ran before it nor on how long ago that was (a list read 59 s
    before a test was read again inside it: one query more, CI 2026-12-07), and no test sees
    a list an earlier test changed and rolled back."""
    if request.node.get_closest_marker("django_db"):
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        from zvhd import terms

        terms.forget()
        terms.entries("")
        # Content types too (the access log and the inbox name records by them): a process in
        # production has them cached after its first request; a flush or a migrate in an
        # earlier test empties that cache, and a pinned count would depend on the test order.
        ContentType.objects.get_for_models(*apps.get_models())
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database with the cast in it, and a copy of it as its migrations
    left it (before the cast) when this run uses the seeded demo database (see
    tests/databases.py): that copy spares the demo database a `migrate` of its own. Not with
    --reuse-db: a reused test database has had tests (and the cast) in it."""
    config = request.config
    reused = config.getoption("reuse_db", False) and not config.getoption("create_db", False)
    wanted = any(
        {"seeded_drill_database", "demo_database", "federation_peer"} & set(item.fixturenames)
        for item in request.session.items
    )
    template = None
    if wanted and not reused:
        with django_db_blocker.unblock():
            template = databases.snapshot_migrated_test_database()
        config.stash[MIGRATED_TEMPLATE] = template
    # The cast, once for the whole run, after the snapshot (the demo has users of its own).
    from django.apps import apps
    from django.db.models.signals import post_migrate

    # Only into a test database: a run whose tests use none (a drill alone) has made none,
    # and the connection still points at the real one.
    if databases.on_test_database():
        with django_db_blocker.unblock():
            build_cast()
            from django.db import connection

            START_STATE[connection.settings_dict["NAME"]] = databases.keep_start_state(connection)
    network = apps.get_app_config("network")
    post_migrate.connect(_cast_after_flush, sender=network, dispatch_uid="tests-cast")
    yield
    post_migrate.disconnect(sender=network, dispatch_uid="tests-cast")
    if template:
        databases.drop_database(databases.server(), template)


@pytest.fixture(scope="session")
def seeded_drill_database(django_db_setup, request, tmp_path_factory):
    """A database of the drills' own, migrated and seeded with the demo data, once a run.

    `manage.py seed_demo` runs in a process of its own, with the settings of a demo. The
    row count of every table right after seeding is kept (`seeded_counts`): later drills
    write to the database (page views are logged), and a restore replaces it.
    """
    db = databases.server()
    name, url = databases.drill_database_url()
    media = tmp_path_factory.mktemp("drill-media")
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "DEBUG": "true",
        "DEMO_DATA_ALLOWED": "true",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "LOG_LEVEL": "WARNING",
    }
    databases.drop_database(db, name)
    template = request.config.stash.get(MIGRATED_TEMPLATE, None)
    if template:
        databases.psql(db, f'create database "{name}" template "{template}";')
    else:
        databases.psql(db, f'create database "{name}";')
        databases.manage(env, "migrate", "--noinput")
    databases.manage(env, "seed_demo")
    seeded_counts = databases.row_counts(db, name)
    yield {"db": db, "name": name, "url": url, "env": env, "media": media,
           "seeded_counts": seeded_counts}  # fmt: skip
    databases.drop_database(db, name)


@pytest.fixture
def demo_database(request, django_db_blocker):
    """The test runs on the full demo data (`seed_demo`), in a transaction rolled back at the
    end; returns the row count of every table right after seeding (`seeded_counts`).

    The test's connection is pointed at the seeded database of the run
    (`seeded_drill_database`) instead of the test database, for this test only; Django's
    cache of content types (ids differ per database) is emptied on the way in and out. Do
    not combine with `db` or the django_db mark: this fixture is the test's database.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    demo = request.getfixturevalue("seeded_drill_database")
    with django_db_blocker.unblock():
        assert not connection.in_atomic_block, "demo_database replaces the django_db mark"
        test_database = connection.settings_dict["NAME"]
        connection.close()
        connection.settings_dict["NAME"] = demo["name"]
        ContentType.objects.clear_cache()
        try:
            with transaction.atomic():
                yield demo
                transaction.set_rollback(True)
        finally:
            connection.close()
            connection.settings_dict["NAME"] = test_database
            ContentType.objects.clear_cache()
