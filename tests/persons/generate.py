"""Generated persons with injected typos, for the matcher's test and benchmark.

Fictitious names from lists (Dutch, Turkish, Moroccan, Polish, ...), random birth dates; a
query is one of the typo classes of issue 21: a doubled or dropped letter (Janssen/Jansen),
accents and special letters dropped (Yılmaz/Yilmaz), day and month swapped, the tussenvoegsel
left out, or a letter replaced; plus queries about persons who are not in the register.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

FIRST = [
    "Jan",
    "Pieter",
    "Kees",
    "Henk",
    "Willem",
    "Johan",
    "Sander",
    "Bas",
    "Thijs",
    "Daan",
    "Ruben",
    "Lars",
    "Mohamed",
    "Ahmed",
    "Youssef",
    "Mehmet",
    "Mustafa",
    "Emre",
    "Piotr",
    "Tomasz",
    "Krzysztof",
    "Anna",
    "Maria",
    "Sanne",
    "Lotte",
    "Femke",
    "Esther",
    "Ingrid",
    "Fatima",
    "Khadija",
    "Ayşe",
    "Zeynep",
    "Elif",
    "Agnieszka",
    "Małgorzata",
    "Sophie",
    "Emma",
    "Julia",
    "Noor",
    "Yasmina",
    "Gerrit",
    "Hendrik",
    "Klaas",
    "Geert",
    "Roelof",
    "Albert",
    "Harm",
    "Jantje",
    "Grietje",
    "Aaltje",
    "Hilda",
    "Wilma",
    "Marjolein",
]
LAST = (
    "Jansen Janssen de Vries van den Berg Bakker Visser Smit Meijer de Boer Mulder de Groot "
    "Bos Vos Peters Hendriks van Leeuwen Dekker Brouwer de Wit Dijkstra Smits de Graaf van der "
    "Meer van der Linden Kok Jacobs de Haan Vermeulen van den Heuvel van der Veen van Dijk "
    "Hoekstra Koster Prins Huisman Postma Kuipers Veenstra Wijnja Yılmaz Kaya Demir Şahin Çelik "
    "Yıldız Öztürk Aydın Özdemir Arslan El Amrani Bouzid Benali El Idrissi Ouali Haddou "
    "Kowalski Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Müller Schröder Bühler"
)
# Multi-word last names above are joined where a tussenvoegsel starts them.
_PREFIX = {"de", "van", "den", "der", "El"}


def _last_names() -> list[str]:
    words, names, current = LAST.split(), [], []
    for word in words:
        current.append(word)
        if word not in _PREFIX:
            names.append(" ".join(current))
            current = []
    return names


LAST_NAMES = _last_names()


def random_person(rng: random.Random) -> dict:
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 70))
    return {
        "first_name": rng.choice(FIRST),
        "last_name": rng.choice(LAST_NAMES)
        + ("" if rng.random() < 0.6 else f"-{rng.choice(LAST_NAMES).split()[-1]}"),
        "birth_date": born,
    }


def make_register(rng: random.Random, n: int, *, bulk: bool = False) -> list:
    """`n` register persons; `bulk` writes them without history (the benchmark)."""
    from persons.models import Person

    people = []
    for _ in range(n):
        person = Person(**random_person(rng))
        if bulk:
            from persons.normalise import first_name_key, last_name_key

            person.first_key = first_name_key(person.first_name)
            person.last_key = last_name_key(person.last_name)
        people.append(person)
    if bulk:
        return Person.objects.bulk_create(people, batch_size=5000)
    for person in people:
        person.save()
    return people


SPECIAL = {
    "ı": "i",
    "ş": "s",
    "ç": "c",
    "ö": "o",
    "ü": "u",
    "ł": "l",
    "ś": "s",
    "ń": "n",
    "ğ": "g",
    "ó": "o",
    "Ş": "S",
    "Ç": "C",
    "Ö": "O",
}


def _letter_typo(rng, name: str) -> str:
    """A letter doubled or dropped where it is doubled (Janssen/Jansen), else one replaced."""
    for i in range(len(name) - 1):
        if name[i] == name[i + 1] and name[i].isalpha():
            return name[:i] + name[i + 1 :]
    positions = [i for i, ch in enumerate(name) if ch.isalpha() and i > 0]
    i = rng.choice(positions)
    if rng.random() < 0.5:
        return name[:i] + name[i] + name[i:]  # doubled
    return name[:i] + rng.choice("aeiou") + name[i + 1 :]


def typo(rng, person) -> tuple[dict, str]:
    query = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "birth_date": person.birth_date,
    }
    kinds = ["letter", "accents", "swapped", "tussenvoegsel"]
    kind = rng.choice(kinds)
    if kind == "accents" and not any(ch in SPECIAL for ch in person.first_name + person.last_name):
        kind = "letter"
    if kind == "swapped" and not (
        person.birth_date.day <= 12 and person.birth_date.day != person.birth_date.month
    ):
        kind = "letter"
    if kind == "tussenvoegsel" and len(person.last_name.split()) == 1:
        kind = "letter"
    if kind == "letter":
        query["last_name"] = _letter_typo(rng, person.last_name)
    elif kind == "accents":
        query["first_name"] = "".join(SPECIAL.get(ch, ch) for ch in person.first_name)
        query["last_name"] = "".join(SPECIAL.get(ch, ch) for ch in person.last_name)
    elif kind == "swapped":
        born = person.birth_date
        query["birth_date"] = born.replace(month=born.day, day=born.month)
    else:
        query["last_name"] = person.last_name.split()[-1]
    return query, kind


def typo_queries(rng, people, n: int, *, absent: int = 0) -> list[tuple[dict, int | None]]:
    queries = []
    for person in rng.sample(people, n):
        query, _kind = typo(rng, person)
        queries.append((query, person.pk))
    for _ in range(absent):
        queries.append((random_person(rng), None))
    return queries
