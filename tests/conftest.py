import pytest
from django.core.cache import cache

from tests.cast import build_cast


@pytest.fixture
def cast(db):
    """One user per role (see tests/cast.py)."""
    return build_cast()


@pytest.fixture
def client_for(client):
    """`client_for(user)`: the test client logged in as `user` (second factor already done)."""

    def login(user):
        client.force_login(user)
        return client

    return login


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (it is Redis in CI and keeps used TOTP codes)."""
    cache.clear()
    yield
