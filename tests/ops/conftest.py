"""The operations drills. Their PostgreSQL database of their own, seeded with the demo data
once a run (`seeded_drill_database`), is made in tests/conftest.py (see tests/databases.py):
the IDOR probe and the demo tests use the same one."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgres_drill: needs PostgreSQL on loopback (runs in CI, skipped locally without it)",
    )
