"""The topic rows (aandachtsgebieden): reference_data.TOPICS plus a catch-all.

Used by migration 0002 (with the historical model) and by anything that must be sure they are
there after a database flush (browser tests, demo).
"""

from zvhd.network.reference_data import TOPICS

OTHER = ("overig", "Overig of meerdere aandachtsgebieden")


def ensure_topics(topic_model=None) -> None:
    if topic_model is None:
        from advice.models import Topic as topic_model
    for order, (code, label) in enumerate([*TOPICS, OTHER], start=1):
        topic_model.objects.update_or_create(code=code, defaults={"label": label, "order": order})
