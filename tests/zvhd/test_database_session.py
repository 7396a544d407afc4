"""The app's PostgreSQL sessions: what every connection is opened with (zvhd/settings.py)."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_every_connection_has_the_jit_compiler_off():
    # With JIT on, a count over a million cases paid 0.5-2.5 s of compilation on the start
    # page (issue 24's page matrix); the setting comes with the connection, not per query.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
