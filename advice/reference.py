"""Reference data of the advice app: the topics (aandachtsgebieden).

Loaded by zvhd/network/reference.py.
"""

from advice.topics import topic_rows


def seed(loader) -> None:
    from advice.models import Topic

    for order, (code, label) in topic_rows():
        if loader.first_time("aandachtsgebied", code):
            _topic, created = Topic.objects.get_or_create(
                code=code, defaults={"label": label, "order": order}
            )
            loader.count("aandachtsgebieden", created)
