"""Plus-task participation stored once (issue 22 item 5): aftercare's `Participation` is the
one source of who buys the aftercare plus task; finance's plus task follows it.

For each finance year, the plus task for nazorg ex-gedetineerden (by its name) is marked
`follows_aftercare`. In a year that is not adopted (vastgesteld) its buyers now come from the
participation of that year, so where the two said different things participation wins and the
task keeps no buyers of its own. Where participation says nothing for that year (no list for
it or any earlier year), finance's buyers become the participation of that year, so no buyer
is lost. An adopted year keeps the buyers it was adopted with, untouched.
"""

from django.db import migrations

ADOPTED = "vastgesteld"


def follow_participation(apps, schema_editor):
    PlusTask = apps.get_model("finance", "PlusTask")
    Participation = apps.get_model("aftercare", "Participation")
    tasks = PlusTask.objects.select_related("year").filter(name__icontains="nazorg")
    marked_years = set()
    for task in tasks.order_by("year__year", "pk"):
        if task.year_id in marked_years:
            continue  # one aftercare task per year; a second one keeps its own buyers
        marked_years.add(task.year_id)
        task.follows_aftercare = True
        task.save(update_fields=["follows_aftercare"])
        if task.year.status == ADOPTED:
            continue
        year = task.year.year
        known = Participation.objects.filter(year__lte=year).exists()
        if not known:
            for municipality in task.municipalities.all():
                Participation.objects.get_or_create(year=year, municipality=municipality)
        task.municipalities.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("aftercare", "0002_versions_for_edit_forms"),
        ("finance", "0004_plustask_follows_aftercare"),
    ]

    operations = [migrations.RunPython(follow_participation, migrations.RunPython.noop, elidable=True)]
