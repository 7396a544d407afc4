import pytest


@pytest.fixture(autouse=True)
def topics(db):
    """Migration 0002 adds the topics, but a browser test's flush removes them again."""
    from advice.topics import ensure_topics

    ensure_topics()
