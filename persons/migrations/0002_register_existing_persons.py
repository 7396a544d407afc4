"""Put the persons that existed before the register into it (issue 21 part 1).

Exact matches become one register person: the same BSN; or, where neither side has a BSN, the
same name keys (persons.normalise: accents, case and tussenvoegsel folded) and birth date.
Everything else stays apart: a likely duplicate shows on the duplicates page for a person to
decide (merge is four eyes). Trafficking signals about an unknown person, or without a name
and birth date and BSN, get no register person.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from persons.normalise import clean_bsn, first_name_key, last_name_key

    Person = apps.get_model("persons", "Person")
    by_bsn: dict[str, int] = {}
    by_name: dict[tuple, int] = {}

    def register(first, last, born, bsn, gender):
        bsn = clean_bsn(bsn)
        if not (bsn or (last and born)):
            return None
        if bsn and bsn in by_bsn:
            return by_bsn[bsn]
        key = (first_name_key(first), last_name_key(last), born)
        if not bsn and key in by_name:
            return by_name[key]
        person = Person.objects.create(
            first_name=first or "",
            last_name=last or "",
            birth_date=born,
            bsn=bsn,
            gender=gender or "onbekend",
            first_key=key[0][:150],
            last_key=key[1][:150],
        )
        if bsn:
            by_bsn[bsn] = person.pk
        if born and last and key not in by_name:
            by_name[key] = person.pk
        return person.pk

    CasePerson = apps.get_model("cases", "Person")
    for row in CasePerson.objects.filter(registered_person__isnull=True).order_by("pk"):
        if row.last_name == "geanonimiseerd" and not row.first_name:
            continue  # a stand-in left by a destruction: nobody
        pk = register(row.first_name, row.last_name, row.birth_date, row.bsn, row.gender)
        CasePerson.objects.filter(pk=row.pk).update(registered_person_id=pk)
    Record = apps.get_model("aftercare", "AftercareRecord")
    for row in Record.objects.filter(registered_person__isnull=True).order_by("pk"):
        if row.last_name == "geanonimiseerd" and not row.first_names:
            continue
        pk = register(row.first_names, row.last_name, row.birth_date, row.bsn, "")
        Record.objects.filter(pk=row.pk).update(registered_person_id=pk)
    Signal = apps.get_model("trafficking", "Signal")
    for row in Signal.objects.filter(registered_person__isnull=True, person_unknown=False).order_by(
        "pk"
    ):
        pk = register(row.first_name, row.last_name, row.birth_date, row.bsn, row.gender)
        if pk:
            Signal.objects.filter(pk=row.pk).update(registered_person_id=pk)


class Migration(migrations.Migration):
    dependencies = [
        ("persons", "0001_person_register"),
        ("cases", "0011_person_in_the_register"),
        ("aftercare", "0003_person_in_the_register"),
        ("trafficking", "0005_person_in_the_register"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
