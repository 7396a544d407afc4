"""Demo data of the risk app: assessments and safety flags on the running demo cases
(fictitious people only; the cases are the cases app's demo). Safe to run twice."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def seed(*, stdout, rng) -> None:
    from cases.models import DIRECTION_STATUSES, Case
    from risk import services
    from risk.models import Assessment, FlagKind, FlagScope, Instrument, Level

    if Assessment.objects.exists():
        stdout.write("Risico: taxaties bestaan al, niets toegevoegd.\n")
        return
    instrument = Instrument.objects.filter(active=True).first()
    kinds = list(FlagKind.objects.filter(active=True))
    cases = list(
        Case.objects.filter(status__in=DIRECTION_STATUSES, director__isnull=False)
        .select_related("director", "director__organisation")
        .order_by("pk")
    )
    if instrument is None or not cases:
        stdout.write("Risico: geen instrument of lopende casussen, overgeslagen.\n")
        return
    domains = list(instrument.domains.filter(active=True))
    today = timezone.localdate()
    assessed = flagged = 0
    for n, case in enumerate(cases):
        director = case.director
        if n % 2 == 0 and director.organisation_id:
            start = max(case.started_on or today, today - timedelta(days=300))
            on = start + timedelta(days=rng.randint(0, max(0, (today - start).days)))
            scores = {
                d.pk: rng.randint(instrument.scale_min, instrument.scale_max) for d in domains
            }
            top = max(scores.values())
            level = [Level.LOW, Level.MEDIUM, Level.HIGH, Level.VERY_HIGH][
                min(3, top * 4 // (instrument.scale_max - instrument.scale_min + 1))
            ]
            services.record_assessment(
                case=case,
                recorded_by=director,
                instrument=instrument,
                assessed_on=on,
                assessor=director.get_full_name() or director.username,
                organisation=director.organisation,
                scores=scores,
                level=level,
                # Most reviews lie ahead (the earlier ones were done); a few are overdue.
                next_review_on=max(on + timedelta(days=30), today + timedelta(rng.randint(-5, 90))),
                notes="Besproken in het maatwerkoverleg.",
            )
            assessed += 1
        if n % 5 == 0 and kinds:
            services.set_flag(
                case=case,
                set_by=director,
                kind=rng.choice(kinds),
                scope=rng.choice([FlagScope.CASE, FlagScope.PERSON]),
                note="Afgesproken in het casusteam.",
                set_on=today - timedelta(days=rng.randint(0, 200)),
            )
            flagged += 1
    stdout.write(f"Risico: {assessed} taxaties en {flagged} veiligheidssignalen.\n")
