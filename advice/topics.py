"""The topic rows (aandachtsgebieden): advice.reference_data.TOPICS plus a catch-all.

Loaded after every migrate by `advice.reference` (see zvhd/network/reference.py); migration
0002 adds them too, with the historical model. A topic that exists keeps its label and order:
this never overwrites what someone changed.
"""

from advice.reference_data import TOPICS

OTHER = ("overig", "Overig of meerdere aandachtsgebieden")


def topic_rows() -> list[tuple[int, tuple[str, str]]]:
    return list(enumerate([*TOPICS, OTHER], start=1))


def ensure_topics(topic_model=None) -> None:
    if topic_model is None:
        from advice.models import Topic as topic_model
    for order, (code, label) in topic_rows():
        topic_model.objects.get_or_create(code=code, defaults={"label": label, "order": order})


def follow_term(sender, instance, raw=False, **_kwargs) -> None:
    """The functioneel beheerder keeps the aandachtsgebieden in one list (Beheer →
    Keuzelijsten, `zvhd.network.models.Term`); advice's topic rows take its label and whether
    it is active, so the advice pages and the case pages name a topic the same way."""
    if raw or instance.vocabulary != "aandachtsgebied":
        return
    from django.db.models import Max

    from advice.models import Topic

    updated = Topic.objects.filter(code=instance.code).update(
        label=instance.label, active=instance.active
    )
    if not updated:
        last = Topic.objects.aggregate(last=Max("order"))["last"] or 0
        Topic.objects.create(
            code=instance.code, label=instance.label, active=instance.active, order=last + 1
        )
