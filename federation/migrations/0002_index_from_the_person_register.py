"""The federation index now holds the register persons' BSNs (issue 21: one place knows who is
known here), not the app records' own copies: the old entries go and every key in use is
indexed anew from the register, so no question is answered "not known" while waiting for the
nightly rebuild."""

from django.db import migrations
from django.utils import timezone


def forwards(apps, schema_editor):
    from federation import crypto
    from federation.index import fill

    FederationKey = apps.get_model("federation", "FederationKey")
    IndexEntry = apps.get_model("federation", "IndexEntry")
    Person = apps.get_model("persons", "Person")
    IndexEntry.objects.all().delete()
    for key in FederationKey.objects.filter(status__in=["huidig", "vorig", "klaar"]):
        raw = crypto.key_bytes(key)
        if raw is None:
            continue
        count = fill(key, raw, Person, IndexEntry)
        FederationKey.objects.filter(pk=key.pk).update(
            indexed_at=timezone.now(), indexed_count=count
        )


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0001_initial"),
        ("persons", "0002_register_existing_persons"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
