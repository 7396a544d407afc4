"""The default retention terms (README "Bewaartermijnen en vernietiging" gives the reasons).

The data migration fills them in; tests and seed_demo call `ensure_default_terms()` again
after a flush. Only a kind without a term gets one, so a term the privacy officer chose is
never overwritten.
"""

from __future__ import annotations

DEFAULT_TERMS: list[tuple[str, int, str]] = [
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
        "valt onder hetzelfde convenant.",
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
    # A person or household on a table's agenda without a case: the routeeroverleg asks
    # whether someone was discussed or registered before ("belang te weten of meerdere
    # aanmeldingen van een persoon/systeem zijn", seed 003). That is the only reason to keep
    # it, as with a registration without direction: the same two years, from the meeting
    # (or the last action it agreed). A case on the agenda follows the case's own term.
    (
        "tafel",
        2,
        "Twee jaar na het overleg (of na de uiterste datum van de laatste actie die de tafel "
        "afsprak): genoeg om te zien dat een persoon of huishouden eerder aan een tafel is "
        "besproken; er is geen procesregie geweest, dus gelijk aan een aanmelding zonder "
        "procesregie. Een casus op de agenda volgt de termijn van de casus.",
    ),
]


def ensure_default_terms(model=None, historical=None) -> int:
    """Add the default term of every kind that has none; returns how many were added."""
    from django.utils import timezone

    if model is None:
        from zvhd.privacy.models import RetentionPolicy as model

    added = 0
    for kind, years, rationale in DEFAULT_TERMS:
        if model.objects.filter(kind=kind).exists():
            continue
        policy = model(kind=kind, years=years, rationale=rationale)
        policy._change_reason = "Standaardtermijn"  # read by simple-history's save signal
        policy.save()
        added += 1
        if not hasattr(model, "history"):
            # A migration's model has no history manager: write the first version by hand.
            historical.objects.create(
                id=policy.pk,
                kind=kind,
                years=years,
                rationale=rationale,
                updated_at=policy.updated_at,
                history_date=timezone.now(),
                history_type="+",
                history_change_reason="Standaardtermijn",
            )
    return added
