"""Register persons for tests, made through the service like the apps make them."""

from __future__ import annotations

from datetime import date

from persons.models import Person


def make_person(
    first_name="Jan", last_name="Janssen", birth_date=date(1980, 3, 7), bsn="", **extra
):
    person = Person(
        first_name=first_name, last_name=last_name, birth_date=birth_date, bsn=bsn, **extra
    )
    person.save()
    return person
