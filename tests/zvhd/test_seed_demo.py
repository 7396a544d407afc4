"""`manage.py seed_demo` fills an empty database and is safe to run twice.

Both run on the run's one seeded demo database (`demo_database`, tests/databases.py): the
first seeding is the one every demo test shares, the second runs here, in a transaction
rolled back at the end.
"""

import io

from django.core.management import call_command

from tests.databases import table_counts
from zvhd.network.models import Municipality, Role, User
from zvhd.privacy.models import AccessLog


def test_seed_demo_is_safe_to_run_twice(demo_database, tmp_path):
    from zvhd.privacy.demo_access import ADDRESSES

    # Seeding reads no record on anyone's behalf: the only access-log rows are the access
    # review's demo reads (zvhd/privacy/demo_access.py, from documentation-only addresses).
    assert demo_database["seeded_counts"][AccessLog._meta.db_table] > 0
    demo_addresses = [ip for pair in ADDRESSES.values() for ip in pair]
    assert not AccessLog.objects.exclude(ip_address__in=demo_addresses).exists()
    before = table_counts()
    accounts = tmp_path / "accounts.txt"
    call_command("seed_demo", stdout=io.StringIO(), accounts_file=str(accounts))
    after = table_counts()
    # The table `make run` prints when it serves: every account, the apps' own ones too.
    table = accounts.read_text()
    assert "Demo-accounts (wachtwoord voor allemaal:" in table
    assert "  regisseur " in table and "  drieluik " in table
    # The second run adds no row anywhere; only the history tables note that it saved the
    # accounts, organisations, indicators and report texts again.
    changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
    assert all("historical" in table for table in changed), changed
    assert Municipality.objects.count() == 12
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role


def test_the_demo_has_figures_of_the_years_its_figures_page_opens_with_stored(demo_database):
    # The first visit to the figures page shows figures, not "wordt berekend" (issue 24).
    from django.utils import timezone

    from reports.models import LiveFigures

    year = timezone.localdate().year
    stored = set(LiveFigures.objects.values_list("year", "municipality_id"))
    assert {(y, None) for y in range(year - 3, year + 1)} <= stored
    assert len(stored) == 4 * 13
