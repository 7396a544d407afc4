import pytest


@pytest.fixture(autouse=True)
def _default_terms(db):
    """The default retention terms, as the data migration makes them. A browser test
    (transaction=True) empties every table afterwards, migration data included."""
    from zvhd.privacy.defaults import ensure_default_terms

    ensure_default_terms()
