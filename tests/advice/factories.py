"""Factories of the advice app. Records are built around the fixed cast (tests/cast.py)."""

import datetime

import factory

from advice.models import AdviceKind, AdviceRecord, DirectoryEntry, PatternSignal, SignalKind, Topic
from tests.factories import OrganisationFactory, UserFactory


def topic(code="multiproblematiek"):
    """Topics are seeded by migration 0002; tests pick one by code."""
    return Topic.objects.get(code=code)


class AdviceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdviceRecord

    date = factory.LazyFunction(datetime.date.today)
    kind = AdviceKind.ADVIES_KORT
    requester_name = factory.Sequence(lambda n: f"Wijkagent {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    question = "Wie is de contactpersoon voor woonoverlast in deze wijk?"
    answer = "Doorgegeven: de wijkcoördinator van de woningcorporatie."
    answered_by = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("answered_by")
    minutes_spent = 10


class DirectoryEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DirectoryEntry
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Contactpersoon {n}")
    job_title = "Teamleider"
    phone = "0592 123 456"
    email = factory.Sequence(lambda n: f"contact{n}@partner.example")

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)


class PatternSignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PatternSignal

    title = factory.Sequence(lambda n: f"Wachtlijst beschermd wonen {n}")
    kind = SignalKind.BOTTLENECK
    description = "Voor jongvolwassenen met een LVB is geen passende woonvorm beschikbaar."
    evidence = "In 7 van de 40 actieve casussen dit jaar; gemiddelde wachttijd 9 maanden."
    case_count = 7
    created_by = factory.SubFactory(UserFactory)
