"""A signal's gender in the house's one vocabulary (zvhd.vocabulary.Gender), the values the
cases app, the partner API and the figures already use: v -> vrouw, m -> man, x -> anders.

The history rows are rewritten too, so a signal's history reads in the same values. The
CoMensha export keeps writing CoMensha's own codes (trafficking.views.COMENSHA_GENDER).
"""

from django.db import migrations, models

TO_HOUSE = {"v": "vrouw", "m": "man", "x": "anders"}


def _rewrite(apps, mapping):
    for name in ("Signal", "HistoricalSignal"):
        model = apps.get_model("trafficking", name)
        for old, new in mapping.items():
            # Plain UPDATEs in a migration: a value rename, not a change anyone made.
            model._base_manager.filter(gender=old).update(gender=new)


def to_house_values(apps, schema_editor):
    _rewrite(apps, TO_HOUSE)


def to_old_codes(apps, schema_editor):
    _rewrite(apps, {new: old for old, new in TO_HOUSE.items()})


CHOICES = [("man", "Man"), ("vrouw", "Vrouw"), ("anders", "Anders"), ("onbekend", "Onbekend")]


class Migration(migrations.Migration):
    dependencies = [
        ("trafficking", "0002_follow_up_case"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalsignal",
            name="gender",
            field=models.CharField(
                choices=CHOICES, default="onbekend", max_length=10, verbose_name="geslacht"
            ),
        ),
        migrations.AlterField(
            model_name="signal",
            name="gender",
            field=models.CharField(
                choices=CHOICES, default="onbekend", max_length=10, verbose_name="geslacht"
            ),
        ),
        migrations.RunPython(to_house_values, to_old_codes, elidable=True),
    ]
