"""The ketenkamer becomes one table of the engine (issue 20, part 6).

Its meetings stay `cases.Ketenkamer` rows; this makes the table they belong to, so that who
sits at the ketenkamer follows its membership. Who sat at it until now was decided by role
(`cases.policy.KETENKAMER`): the manager, process directors and support, and the liaisons. So
the table gets as member organisations every organisation of an active person with one of
those roles, and is chaired by process support: no one gains or loses access.

A frozen copy of `tables.services.create_ketenkamer_table` (a migration must not follow later
changes of the app's code). Nothing happens on a database without anyone to chair it (a new
installation: the manager starts the ketenkamer's table under Tafels) or with a ketenkamer
table already. Reversed, the table goes again (its members with it; the ketenkamers stay).
"""

from django.db import migrations

KETENKAMER = "ketenkamer"
# cases.policy.KETENKAMER[VIEW] as it stands at this migration (the triage queue's roles).
ATTENDING_ROLES = ["manager", "procesregisseur", "procesondersteuner", "liaison"]
CHAIR_ROLES = ["procesondersteuner", "procesregisseur", "manager"]


def make_the_ketenkamer_table(apps, schema_editor):
    Table = apps.get_model("tables", "Table")
    TableKind = apps.get_model("tables", "TableKind")
    User = apps.get_model("network", "User")
    Organisation = apps.get_model("network", "Organisation")
    if Table.objects.filter(kind__code=KETENKAMER).exists():
        return
    people = User.objects.filter(is_active=True)
    chair = None
    for role in CHAIR_ROLES:
        chair = people.filter(groups__name=role).order_by("pk").first()
        if chair is not None:
            break
    if chair is None:
        return
    # The reference loader adds the kinds after `migrate`; on a database that has users it
    # ran before, but be sure (the loader then finds it and leaves it).
    kind, _created = TableKind.objects.get_or_create(
        code=KETENKAMER,
        defaults={
            "label": "Ketenkamer",
            "description": "Wekelijkse triage van nieuwe aanmeldingen.",
            "order": 0,
        },
    )
    table = Table.objects.create(
        name="Ketenkamer",
        kind=kind,
        chair=chair,
        description="Wekelijkse triage van nieuwe aanmeldingen.",
    )
    table.member_organisations.set(
        Organisation.objects.filter(
            pk__in=people.filter(groups__name__in=ATTENDING_ROLES).values("organisation_id")
        )
    )


def remove_the_ketenkamer_table(apps, schema_editor):
    Table = apps.get_model("tables", "Table")
    Table.objects.filter(kind__code=KETENKAMER, meetings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tables", "0002_meetings_on_the_meeting_kernel"),
        ("cases", "0014_ketenkamer_on_the_meeting_kernel"),
        ("network", "0004_lookup_lists_kept_by_beheer"),
    ]

    operations = [migrations.RunPython(make_the_ketenkamer_table, remove_the_ketenkamer_table)]
