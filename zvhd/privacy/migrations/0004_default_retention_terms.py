"""The default retention terms (README "Bewaartermijnen en vernietiging" gives the reasons).

The privacy officer changes them in the app; this migration only fills in a kind that has no
term yet, so running it again (or after a change) never overwrites a term someone chose.
"""

from django.db import migrations

DEFAULTS = [
    (
        "casus_maatwerk",
        5,
        "Vijf jaar na afsluiten: de termijn van het Privacyconvenant Zorg- en "
        "Veiligheidshuizen en de Wgs-praktijk. Lang genoeg om bij een nieuwe aanmelding de "
        "eerdere aanpak te kennen, niet langer.",
    ),
    (
        "casus_pga",
        5,
        "Vijf jaar na afsluiten, gelijk aan procesregie maatwerk: de persoonsgerichte aanpak "
        "volgt hetzelfde convenant.",
    ),
    (
        "aanmelding",
        2,
        "Twee jaar na het besluit (niet opgepakt, advies, ingetrokken) of na afsluiten van "
        "ondersteuning: genoeg om een herhaalde aanmelding van dezelfde persoon te herkennen; "
        "er is geen procesregie geweest, dus geen reden om langer te bewaren.",
    ),
    (
        "nazorg",
        2,
        "Twee jaar na afsluiten: de nazorgtaak eindigt kort na ontslag; twee jaar dekt de "
        "periode waarin terugval en een nieuwe detentie het vaakst voorkomen (de termijn van "
        "de recidivemonitor), zodat een nieuwe melding aan de vorige kan worden gekoppeld.",
    ),
    (
        "mensenhandel",
        5,
        "Vijf jaar na afsluiten: signalen worden over jaren heen gecombineerd om patronen van "
        "uitbuiting te zien; gelijk aan de termijn voor casussen.",
    ),
]


def add_defaults(apps, schema_editor):
    RetentionPolicy = apps.get_model("privacy", "RetentionPolicy")
    HistoricalRetentionPolicy = apps.get_model("privacy", "HistoricalRetentionPolicy")
    from django.utils import timezone

    for kind, years, rationale in DEFAULTS:
        policy, created = RetentionPolicy.objects.get_or_create(
            kind=kind, defaults={"years": years, "rationale": rationale}
        )
        if created:
            # The migration has no history manager: write the first history row by hand.
            HistoricalRetentionPolicy.objects.create(
                id=policy.pk,
                kind=kind,
                years=years,
                rationale=rationale,
                updated_at=policy.updated_at,
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Standaardtermijn (datamigratie)",
            )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_retention")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
